#include "http/pem_certificates.hpp"

#include <array>
#include <cstdint>

namespace glue_inventory::http {

namespace {

constexpr std::string_view begin_prefix = "-----BEGIN ";
constexpr std::string_view end_prefix = "-----END ";
constexpr std::string_view dashes = "-----";

/// The value of each base64 character (RFC 4648's alphabet), or not_base64.
constexpr std::uint8_t not_base64 = 0xFF;
constexpr std::array<std::uint8_t, 256> base64_values = [] {
    std::array<std::uint8_t, 256> v{};
    v.fill(not_base64);
    constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (std::size_t i = 0; i < alphabet.size(); ++i) {
        v[static_cast<unsigned char>(alphabet[i])] = static_cast<std::uint8_t>(i);
    }
    return v;
}();

/// Splits `text` into lines (LF, with a CR before it dropped), one at a time.
class line_reader {
public:
    explicit line_reader(std::string_view text) : rest_(text) {}

    bool next(std::string_view& line) {
        if (rest_.empty()) {
            return false;
        }
        const auto eol = rest_.find('\n');
        line = rest_.substr(0, eol);
        rest_ = eol == std::string_view::npos ? std::string_view{} : rest_.substr(eol + 1);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        return true;
    }

    /// What is left after the lines read so far.
    std::string_view rest() const { return rest_; }

private:
    std::string_view rest_;
};

/// Base64 decoding across lines: RFC 4648's alphabet, '=' only as the third and fourth
/// character of the last group.
class base64_decoder {
public:
    /// Appends the bytes of `chars` to `out`; false at a character that cannot be there.
    bool put(std::string_view chars, std::vector<unsigned char>& out) {
        // Locals and a raw pointer in the loop: stores through unsigned char may alias anything,
        // which would make the compiler reload every member and the vector's end per byte.
        const std::size_t at = out.size();
        out.resize(at + (static_cast<std::size_t>(in_group_) + chars.size()) / 4 * 3);
        unsigned char* w = out.data() + at;
        std::uint32_t bits = bits_;
        int in_group = in_group_;
        bool ok = true;
        // Whole groups of four at a time while no '=' has come: one test for all four values.
        const auto* p = reinterpret_cast<const unsigned char*>(chars.data());
        const auto* const end = p + chars.size();
        if (in_group == 0 && padding_ == 0) {
            for (; end - p >= 4; p += 4) {
                const std::uint32_t v0 = base64_values[p[0]];
                const std::uint32_t v1 = base64_values[p[1]];
                const std::uint32_t v2 = base64_values[p[2]];
                const std::uint32_t v3 = base64_values[p[3]];
                if (((v0 | v1 | v2 | v3) & 0xC0U) != 0) {
                    break; // '=' or a character that is not base64: one at a time below
                }
                const std::uint32_t group = (v0 << 18U) | (v1 << 12U) | (v2 << 6U) | v3;
                w[0] = static_cast<unsigned char>(group >> 16U);
                w[1] = static_cast<unsigned char>((group >> 8U) & 0xFFU);
                w[2] = static_cast<unsigned char>(group & 0xFFU);
                w += 3;
            }
        }
        for (const char ch : std::string_view(reinterpret_cast<const char*>(p),
                                              static_cast<std::size_t>(end - p))) {
            const auto c = static_cast<unsigned char>(ch);
            const std::uint8_t value = base64_values[c];
            if (value != not_base64 && padding_ == 0) {
                bits = (bits << 6U) | value;
                if (++in_group == 4) {
                    w[0] = static_cast<unsigned char>(bits >> 16U);
                    w[1] = static_cast<unsigned char>((bits >> 8U) & 0xFFU);
                    w[2] = static_cast<unsigned char>(bits & 0xFFU);
                    w += 3;
                    in_group = 0;
                    bits = 0;
                }
                continue;
            }
            if (c != '=' || ended_ || in_group < 2) {
                ok = false; // not base64, or a character after the padding, or misplaced '='
                break;
            }
            ++padding_;
            bits <<= 6U;
            if (++in_group == 4) {
                *w++ = static_cast<unsigned char>(bits >> 16U);
                if (padding_ == 1) {
                    *w++ = static_cast<unsigned char>((bits >> 8U) & 0xFFU);
                }
                in_group = 0;
                ended_ = true;
            }
        }
        out.resize(static_cast<std::size_t>(w - out.data()));
        bits_ = bits;
        in_group_ = in_group;
        return ok;
    }

    /// Whether the characters so far were whole groups.
    bool complete() const { return in_group_ == 0; }

private:
    std::uint32_t bits_ = 0;
    int in_group_ = 0;
    int padding_ = 0;
    bool ended_ = false; // the padded group is done: nothing may follow
};

/// The body of one block, up to its END line (consumed). False when it is not plain base64
/// lines closed by "-----END label-----".
bool read_block(line_reader& lines, std::string_view label, std::vector<unsigned char>& der) {
    // The block's size, roughly, so that the DER grows once: 3 bytes for 4 characters.
    der.reserve(lines.rest().substr(0, lines.rest().find(end_prefix)).size() / 4 * 3);
    base64_decoder decoder;
    std::string_view line;
    while (lines.next(line)) {
        if (line.size() > pem_longest_line) {
            return false;
        }
        if (line.substr(0, end_prefix.size()) == end_prefix) {
            const auto name = line.substr(end_prefix.size());
            return decoder.complete() && !der.empty() &&
                   name.size() == label.size() + dashes.size() &&
                   name.substr(0, label.size()) == label && name.substr(label.size()) == dashes;
        }
        if (line.empty()) {
            return false; // OpenSSL reads an empty line as the end of encapsulated headers
        }
        if (!decoder.put(line, der)) {
            return false;
        }
    }
    return false; // the text ended inside the block
}

} // namespace

std::optional<std::vector<pem_certificate>> read_pem_certificates(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) {
        return std::nullopt; // OpenSSL reads lines as C strings: a NUL would end one there
    }
    std::vector<pem_certificate> out;
    line_reader lines(text);
    std::string_view line;
    while (lines.next(line)) {
        if (line.size() > pem_longest_line) {
            return std::nullopt;
        }
        if (line.substr(0, begin_prefix.size()) != begin_prefix) {
            // Text between blocks, skipped as OpenSSL skips it; unless OpenSSL might read a
            // BEGIN line in it (it drops a byte order mark and trailing blanks first).
            if (line.find("-----BEGIN") != std::string_view::npos) {
                return std::nullopt;
            }
            continue;
        }
        if (line.size() < begin_prefix.size() + dashes.size() ||
            line.substr(line.size() - dashes.size()) != dashes) {
            return std::nullopt;
        }
        const auto label =
            line.substr(begin_prefix.size(), line.size() - begin_prefix.size() - dashes.size());
        pem_certificate cert;
        if (label == "TRUSTED CERTIFICATE") {
            cert.trusted_form = true;
        } else if (label != "CERTIFICATE" && label != "X509 CERTIFICATE") {
            return std::nullopt;
        }
        if (!read_block(lines, label, cert.der)) {
            return std::nullopt;
        }
        out.push_back(std::move(cert));
    }
    return out;
}

} // namespace glue_inventory::http
