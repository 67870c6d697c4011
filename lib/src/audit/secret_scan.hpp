// Where the secrets of a URL or a free text are: userinfo ("user:pass@", Oracle "user/pass@")
// and the values of secret-named parameters in every syntax the URL reader knows (`?k=v&k=v`,
// `;k=v`, `(K=V)`, DB2's `:k=v;`) and, in free text, `name: value` and quoted JSON-like pairs.
// Independent of url_reader on purpose: it must also hide what a malformed URL holds.
#pragma once

#include "audit/fixed_buffer.hpp"

#include <cstddef>
#include <string_view>

namespace glue_inventory::audit::detail {

enum class scan_mode {
    url,  // one URL: the whole string is one token, only '=' separates a name from its value
    text, // free text: URLs are whitespace-delimited tokens; '=' or ':' separate pairs
};

struct secret_span {
    std::size_t begin; // the bytes to hide: [begin, end)
    std::size_t end;
    std::string_view name;  // the parameter's name; empty for userinfo
    bool userinfo;          // userinfo rather than a parameter value
    bool userinfo_password; // ':' in the userinfo (Oracle: '/')
};

/// The most spans one scan reports; what follows the last one is hidden whole when a string
/// has more (over-redaction is safe, a cut-off scan is not).
inline constexpr std::size_t max_secret_spans = 32;

struct secret_spans {
    fixed_buffer<secret_span, max_secret_spans> list;
    bool overflow = false; // more than max_secret_spans: hide everything from hide_from on
    std::size_t hide_from = std::string_view::npos;
};

using name_predicate = bool (*)(std::string_view);

/// The secrets of `s`, sorted and disjoint. A parameter's value is a secret when `is_secret`
/// says so of its name.
void scan_secrets(std::string_view s, scan_mode mode, name_predicate is_secret, secret_spans& out);

} // namespace glue_inventory::audit::detail
