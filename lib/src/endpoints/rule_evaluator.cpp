// rule_set::resolve: evaluates the compiled rules for one set of parameters.
#include "endpoints/rule_set.hpp"

#include <utility>

namespace glue_inventory::endpoints::detail {

namespace {

value attribute(const partition& p, partition_attr attr) {
    switch (attr) {
    case partition_attr::name:
        return p.name;
    case partition_attr::dns_suffix:
        return p.dns_suffix;
    case partition_attr::dual_stack_dns_suffix:
        return p.dual_stack_dns_suffix;
    case partition_attr::implicit_global_region:
        return p.implicit_global_region;
    case partition_attr::supports_fips:
        return p.supports_fips;
    case partition_attr::supports_dual_stack:
        return p.supports_dual_stack;
    }
    return {};
}

// A condition holds when its value is set and is not false.
bool holds(const value& v) {
    if (std::holds_alternative<std::monostate>(v)) {
        return false;
    }
    if (const bool* b = std::get_if<bool>(&v)) {
        return *b;
    }
    return true;
}

void append(std::string& out, const value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
        out += *s;
    } else if (const bool* b = std::get_if<bool>(&v)) {
        out += *b ? "true" : "false";
    }
}

} // namespace

class rule_evaluator {
public:
    rule_evaluator(const partition_table& partitions, std::vector<value>& slots)
        : partitions_(partitions), slots_(slots) {}

    /// What the first matching rule produces; nullopt when none matches.
    std::optional<std::pair<rule::kind, const rule*>> first_match(const std::vector<rule>& rules) {
        for (const rule& r : rules) {
            if (auto found = try_rule(r)) {
                return found;
            }
        }
        return std::nullopt;
    }

    value eval(const expr& e) {
        switch (e.k) {
        case expr::kind::boolean:
            return e.boolean;
        case expr::kind::string_template:
            return render(e);
        case expr::kind::ref:
            return slots_[e.slot];
        case expr::kind::call:
            return call(e);
        }
        return {};
    }

    std::string render(const expr& e) {
        if (e.k != expr::kind::string_template) {
            std::string out;
            append(out, eval(e));
            return out;
        }
        std::string out;
        for (const template_part& part : e.parts) {
            if (!part.slot) {
                out += part.text;
            } else if (!part.attr) {
                append(out, slots_[*part.slot]);
            } else if (const auto* p = std::get_if<const partition*>(&slots_[*part.slot])) {
                append(out, attribute(**p, *part.attr));
            }
        }
        return out;
    }

private:
    std::optional<std::pair<rule::kind, const rule*>> try_rule(const rule& r) {
        bool matched = true;
        for (const condition& c : r.conditions) {
            value v = call(c.call);
            if (!holds(v)) {
                matched = false;
                break;
            }
            if (c.assign) {
                slots_[*c.assign] = std::move(v);
            }
        }
        if (matched) {
            if (r.k != rule::kind::tree) {
                return std::pair{r.k, &r};
            }
            if (auto found = first_match(r.rules)) {
                return found;
            }
        }
        // A failed rule's assignments must not leak into its siblings.
        for (const condition& c : r.conditions) {
            if (c.assign) {
                slots_[*c.assign] = std::monostate{};
            }
        }
        return std::nullopt;
    }

    value call(const expr& e) {
        switch (e.fn) {
        case function::is_set:
            return !std::holds_alternative<std::monostate>(eval(e.args[0]));
        case function::not_: {
            const value v = eval(e.args[0]);
            if (const bool* b = std::get_if<bool>(&v)) {
                return !*b;
            }
            return {};
        }
        case function::boolean_equals: {
            const value a = eval(e.args[0]);
            const value b = eval(e.args[1]);
            return std::holds_alternative<bool>(a) && std::holds_alternative<bool>(b) &&
                   std::get<bool>(a) == std::get<bool>(b);
        }
        case function::string_equals: {
            const value a = eval(e.args[0]);
            const value b = eval(e.args[1]);
            return std::holds_alternative<std::string>(a) &&
                   std::holds_alternative<std::string>(b) &&
                   std::get<std::string>(a) == std::get<std::string>(b);
        }
        case function::get_attr: {
            const value object = eval(e.args[0]);
            if (const auto* p = std::get_if<const partition*>(&object)) {
                return attribute(**p, e.attr);
            }
            return {};
        }
        case function::aws_partition: {
            const value region = eval(e.args[0]);
            if (const auto* s = std::get_if<std::string>(&region)) {
                return &partitions_.for_rules(*s);
            }
            return {};
        }
        }
        return {};
    }

    const partition_table& partitions_;
    std::vector<value>& slots_;
};

result rule_set::resolve(const params& p) const {
    if (p.region && !detail::is_valid_region_name(*p.region)) {
        // Quoted up to a label's length and a little: the rest of a pasted blob says nothing.
        constexpr std::size_t quoted_region_bytes = 80;
        std::string shown = p.region->substr(0, quoted_region_bytes);
        if (p.region->size() > quoted_region_bytes) {
            shown += "... (" + std::to_string(p.region->size()) + " bytes)";
        }
        return result::failure("Invalid region \"" + shown +
                               "\": a region must be a single DNS label (letters, digits, '-')");
    }
    std::vector<value> slots(slot_count_);
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
        const parameter& param = parameters_[i];
        value& slot = slots[i];
        slot = param.default_value;
        switch (param.source) {
        case builtin::none:
            break;
        case builtin::region:
            if (p.region) {
                slot = *p.region;
            }
            break;
        case builtin::use_fips:
            slot = p.use_fips;
            break;
        case builtin::use_dual_stack:
            slot = p.use_dual_stack;
            break;
        case builtin::endpoint:
            if (p.endpoint) {
                slot = *p.endpoint;
            }
            break;
        case builtin::use_global_endpoint:
            slot = p.use_global_endpoint;
            break;
        }
    }

    rule_evaluator evaluator{*partitions_, slots};
    const auto found = evaluator.first_match(rules_);
    if (!found) {
        return result::failure("No endpoint rule of " + std::string(service_name(service_)) +
                               " matches these parameters");
    }
    const rule& r = *found->second;
    if (found->first == rule::kind::error) {
        return result::failure(evaluator.render(r.url_or_error));
    }

    endpoint ep;
    ep.url = evaluator.render(r.url_or_error);
    auto parts = parse_url(ep.url);
    if (!parts) {
        // The URL may be the caller's own override; it names no secret we know of, but it is
        // not echoed, in case it carries one (user info) that parse_url refused.
        return result::failure("Invalid endpoint URL for " + std::string(service_name(service_)) +
                               ": expected http(s)://host[:port][/path]");
    }
    ep.parts = std::move(*parts);
    ep.signing_region =
        r.signing_region ? evaluator.render(*r.signing_region) : p.region.value_or(std::string{});
    ep.signing_name =
        r.signing_name ? evaluator.render(*r.signing_name) : std::string(service_name(service_));
    return result::success(std::move(ep));
}

} // namespace glue_inventory::endpoints::detail
