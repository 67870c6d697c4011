// An interpreter of the AWS endpoint rules language, for the subset the Glue, STS and
// Organizations rule sets use: the functions isSet, not, booleanEquals, stringEquals, getAttr
// and aws.partition; conditions that "assign" their value; endpoint, error and tree rules;
// string templates ("https://glue.{Region}.{PartitionResult#dnsSuffix}"); the authSchemes
// property's signingRegion and signingName.
//
// The JSON is compiled once into the tree below; evaluation walks it with a small array of
// variable slots, the way botocore's endpoint_provider.py evaluates the same data: rules are
// tried in order, a tree whose sub-rules all fail lets its next sibling try, and variables a
// rule assigned are forgotten when the rule fails.
#pragma once

#include "endpoints/endpoint_resolver.hpp"
#include "endpoints/partitions.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace glue_inventory::endpoints::detail {

/// A value of the rules: unset, a boolean, a string, or a partition (aws.partition's result).
using value = std::variant<std::monostate, bool, std::string, const partition*>;

/// The attributes of a partition that getAttr and templates may read.
enum class partition_attr {
    name,
    dns_suffix,
    dual_stack_dns_suffix,
    implicit_global_region,
    supports_fips,
    supports_dual_stack
};

/// A piece of a string template: literal text, or a variable (optionally one of its attributes).
struct template_part {
    std::string text;                   // when slot is unset
    std::optional<std::size_t> slot;    // {Name}
    std::optional<partition_attr> attr; // {Name#attr}
};

enum class function { is_set, not_, boolean_equals, string_equals, get_attr, aws_partition };

struct expr {
    enum class kind { boolean, string_template, ref, call };
    kind k = kind::boolean;
    bool boolean = false;             // kind::boolean
    std::vector<template_part> parts; // kind::string_template
    std::size_t slot = 0;             // kind::ref
    function fn = function::is_set;   // kind::call
    std::vector<expr> args;           // kind::call (getAttr: the object only)
    partition_attr attr{};            // kind::call with fn == get_attr
};

struct condition {
    expr call;
    std::optional<std::size_t> assign; // the slot that receives the call's value
};

struct rule {
    enum class kind { endpoint, error, tree };
    kind k = kind::error;
    std::vector<condition> conditions;
    expr url_or_error;                  // endpoint: the URL; error: the message
    std::optional<expr> signing_region; // endpoint: authSchemes[sigv4].signingRegion
    std::optional<expr> signing_name;   // endpoint: authSchemes[sigv4].signingName
    std::vector<rule> rules;            // tree
};

/// Where a parameter of the rule set takes its value from.
enum class builtin { none, region, use_fips, use_dual_stack, endpoint, use_global_endpoint };

struct parameter {
    std::string name;
    builtin source = builtin::none;
    value default_value;
};

class rule_set {
public:
    /// Compiles endpoint-rule-set-1.json text. Throws std::runtime_error when it is malformed or
    /// uses a part of the language this interpreter does not implement.
    rule_set(std::string_view rule_set_json, std::shared_ptr<const partition_table> partitions,
             service svc);

    result resolve(const params& p) const;

private:
    std::shared_ptr<const partition_table> partitions_;
    service service_;
    std::vector<parameter> parameters_; // slots 0..n-1; assigned variables follow
    std::size_t slot_count_ = 0;
    std::vector<rule> rules_;

    friend class rule_compiler;
};

} // namespace glue_inventory::endpoints::detail
