// rule_set's constructor: endpoint-rule-set-1.json -> the compiled tree of rule_set.hpp.
#include "endpoints/json_dom.hpp"
#include "endpoints/rule_set.hpp"

#include <map>
#include <simdjson.h>
#include <utility>

namespace glue_inventory::endpoints::detail {

namespace {

builtin builtin_named(std::string_view name) {
    if (name == "AWS::Region") {
        return builtin::region;
    }
    if (name == "AWS::UseFIPS") {
        return builtin::use_fips;
    }
    if (name == "AWS::UseDualStack") {
        return builtin::use_dual_stack;
    }
    if (name == "SDK::Endpoint") {
        return builtin::endpoint;
    }
    if (name == "AWS::STS::UseGlobalEndpoint") {
        return builtin::use_global_endpoint;
    }
    // A built-in we do not provide leaves its parameter at its default.
    return builtin::none;
}

partition_attr partition_attr_named(std::string_view name, std::string_view where) {
    if (name == "name") {
        return partition_attr::name;
    }
    if (name == "dnsSuffix") {
        return partition_attr::dns_suffix;
    }
    if (name == "dualStackDnsSuffix") {
        return partition_attr::dual_stack_dns_suffix;
    }
    if (name == "implicitGlobalRegion") {
        return partition_attr::implicit_global_region;
    }
    if (name == "supportsFIPS") {
        return partition_attr::supports_fips;
    }
    if (name == "supportsDualStack") {
        return partition_attr::supports_dual_stack;
    }
    throw_bad_data(where, "unsupported partition attribute \"" + std::string(name) + "\"");
}

struct function_info {
    function fn;
    std::size_t arity;
};

function_info function_named(std::string_view name, std::string_view where) {
    if (name == "isSet") {
        return {function::is_set, 1};
    }
    if (name == "not") {
        return {function::not_, 1};
    }
    if (name == "booleanEquals") {
        return {function::boolean_equals, 2};
    }
    if (name == "stringEquals") {
        return {function::string_equals, 2};
    }
    if (name == "getAttr") {
        return {function::get_attr, 2};
    }
    if (name == "aws.partition") {
        return {function::aws_partition, 1};
    }
    throw_bad_data(where, "unsupported function \"" + std::string(name) + "\"");
}

} // namespace

class rule_compiler {
public:
    explicit rule_compiler(rule_set& target) : target_(target) {}

    void compile(simdjson::dom::object root) {
        for (auto [name, definition] :
             as_object(member(root, "parameters", "rule set"), "parameters")) {
            add_parameter(name, as_object(definition, "parameter"));
        }
        for (auto r : as_array(member(root, "rules", "rule set"), "rules")) {
            target_.rules_.push_back(compile_rule(r));
        }
        target_.slot_count_ = slots_.size();
    }

private:
    void add_parameter(std::string_view name, simdjson::dom::object definition) {
        parameter p;
        p.name = std::string(name);
        simdjson::dom::element e;
        if (find_member(definition, "builtIn", e)) {
            p.source = builtin_named(as_string(e, p.name));
        }
        if (find_member(definition, "default", e)) {
            if (e.is_bool()) {
                p.default_value = as_bool(e, p.name);
            } else {
                p.default_value = std::string(as_string(e, p.name));
            }
        }
        slots_.emplace(p.name, target_.parameters_.size());
        target_.parameters_.push_back(std::move(p));
    }

    std::size_t slot_of(std::string_view name, std::string_view where) const {
        auto it = slots_.find(name);
        if (it == slots_.end()) {
            throw_bad_data(where, "reference to undefined variable \"" + std::string(name) + "\"");
        }
        return it->second;
    }

    // Variables assigned in different branches may share a name, and so a slot.
    std::size_t declare(std::string_view name) {
        auto [it, inserted] = slots_.try_emplace(std::string(name), slots_.size());
        (void)inserted;
        return it->second;
    }

    expr compile_template(std::string_view text, std::string_view where) const {
        expr e;
        e.k = expr::kind::string_template;
        std::string literal;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            // "{{" and "}}" stand for literal braces.
            if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
                literal += c;
                ++i;
                continue;
            }
            if (c == '}') {
                throw_bad_data(where, "unmatched '}' in template");
            }
            if (c != '{') {
                literal += c;
                continue;
            }
            const std::size_t close = text.find('}', i);
            if (close == std::string_view::npos) {
                throw_bad_data(where, "unterminated '{' in template");
            }
            if (!literal.empty()) {
                e.parts.push_back(template_part{std::move(literal), std::nullopt, std::nullopt});
                literal.clear();
            }
            const std::string_view placeholder = text.substr(i + 1, close - i - 1);
            template_part part;
            const std::size_t hash = placeholder.find('#');
            part.slot = slot_of(placeholder.substr(0, hash), where);
            if (hash != std::string_view::npos) {
                part.attr = partition_attr_named(placeholder.substr(hash + 1), where);
            }
            e.parts.push_back(std::move(part));
            i = close;
        }
        if (!literal.empty()) {
            e.parts.push_back(template_part{std::move(literal), std::nullopt, std::nullopt});
        }
        return e;
    }

    expr compile_call(simdjson::dom::object obj, std::string_view where) const {
        const std::string_view name = as_string(member(obj, "fn", where), where);
        const function_info info = function_named(name, where);
        auto argv = as_array(member(obj, "argv", where), where);
        if (argv.size() != info.arity) {
            throw_bad_data(where, std::string(name) + " takes " + std::to_string(info.arity) +
                                      " arguments");
        }
        expr e;
        e.k = expr::kind::call;
        e.fn = info.fn;
        std::size_t index = 0;
        for (auto arg : argv) {
            if (info.fn == function::get_attr && index == 1) {
                // The path is a plain name, never a template.
                e.attr = partition_attr_named(as_string(arg, where), where);
            } else {
                e.args.push_back(compile_expr(arg, where));
            }
            ++index;
        }
        return e;
    }

    expr compile_expr(simdjson::dom::element element, std::string_view where) const {
        if (element.is_bool()) {
            expr e;
            e.k = expr::kind::boolean;
            e.boolean = as_bool(element, where);
            return e;
        }
        if (element.is_string()) {
            return compile_template(as_string(element, where), where);
        }
        auto obj = as_object(element, where);
        simdjson::dom::element ref;
        if (find_member(obj, "ref", ref)) {
            expr e;
            e.k = expr::kind::ref;
            e.slot = slot_of(as_string(ref, where), where);
            return e;
        }
        return compile_call(obj, where);
    }

    condition compile_condition(simdjson::dom::element element) {
        auto obj = as_object(element, "condition");
        condition c;
        c.call = compile_call(obj, "condition");
        simdjson::dom::element assign;
        if (find_member(obj, "assign", assign)) {
            c.assign = declare(as_string(assign, "condition assign"));
        }
        return c;
    }

    void compile_endpoint(simdjson::dom::object endpoint, rule& r) const {
        r.url_or_error = compile_expr(member(endpoint, "url", "endpoint"), "endpoint url");
        simdjson::dom::element e;
        if (find_member(endpoint, "headers", e) && as_object(e, "endpoint headers").size() != 0) {
            throw_bad_data("endpoint", "endpoint headers are not supported");
        }
        simdjson::dom::element schemes;
        if (!find_member(endpoint, "properties", e) ||
            !find_member(as_object(e, "endpoint properties"), "authSchemes", schemes)) {
            return;
        }
        for (auto scheme : as_array(schemes, "authSchemes")) {
            auto obj = as_object(scheme, "authScheme");
            if (as_string(member(obj, "name", "authScheme"), "authScheme name") != "sigv4") {
                continue;
            }
            if (find_member(obj, "signingRegion", e)) {
                r.signing_region = compile_expr(e, "signingRegion");
            }
            if (find_member(obj, "signingName", e)) {
                r.signing_name = compile_expr(e, "signingName");
            }
            return;
        }
        throw_bad_data("endpoint", "authSchemes without sigv4 are not supported");
    }

    rule compile_rule(simdjson::dom::element element) {
        auto obj = as_object(element, "rule");
        rule r;
        // Conditions first: their assignments are in scope for what follows.
        for (auto c : as_array(member(obj, "conditions", "rule"), "conditions")) {
            r.conditions.push_back(compile_condition(c));
        }
        const std::string_view type = as_string(member(obj, "type", "rule"), "rule type");
        if (type == "endpoint") {
            r.k = rule::kind::endpoint;
            compile_endpoint(as_object(member(obj, "endpoint", "rule"), "endpoint"), r);
        } else if (type == "error") {
            r.k = rule::kind::error;
            r.url_or_error = compile_expr(member(obj, "error", "rule"), "error");
        } else if (type == "tree") {
            r.k = rule::kind::tree;
            for (auto child : as_array(member(obj, "rules", "tree rule"), "rules")) {
                r.rules.push_back(compile_rule(child));
            }
        } else {
            throw_bad_data("rule", "unknown rule type \"" + std::string(type) + "\"");
        }
        return r;
    }

    rule_set& target_;
    std::map<std::string, std::size_t, std::less<>> slots_;
};

rule_set::rule_set(std::string_view rule_set_json,
                   std::shared_ptr<const partition_table> partitions, service svc)
    : partitions_(std::move(partitions)), service_(svc) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(simdjson::padded_string(rule_set_json)).get(root) != simdjson::SUCCESS) {
        throw_bad_data(service_name(svc), "rule set is not valid JSON");
    }
    rule_compiler{*this}.compile(as_object(root, "rule set"));
}

} // namespace glue_inventory::endpoints::detail
