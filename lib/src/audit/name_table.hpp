// A compile-time open-addressing hash table from upper-case names to small values, looked up
// ignoring ASCII case: the 49 property keys and the 92 connection types are looked up for every
// connection, and a hash plus one comparison beats a binary search of string comparisons.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace glue_inventory::audit::detail {

constexpr char ascii_upper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// A hash of the upper-cased name from its length and three of its characters: O(1), and enough
/// to spread the API's names (collisions are resolved by comparison).
constexpr std::uint32_t upper_hash(std::string_view s) noexcept {
    if (s.empty()) {
        return 0;
    }
    const auto at = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(ascii_upper(s[i])));
    };
    std::uint32_t h = static_cast<std::uint32_t>(s.size()) * 2654435761U;
    h ^= at(0) * 40503U;
    h ^= at(s.size() / 2) * 9973U;
    h ^= at(s.size() - 1) * 31U;
    return h ^ (h >> 7);
}

/// `Slots` must be a power of two above the number of names (load <= 1/2 keeps probes short).
template <typename Value, std::size_t Slots>
class name_table {
    static_assert((Slots & (Slots - 1)) == 0);

public:
    struct entry {
        std::string_view name; // upper case
        Value value;
    };

    /// Builds the table; `missing` is what find returns for an unknown name.
    template <std::size_t N>
    constexpr name_table(const std::array<entry, N>& entries, Value missing) : missing_(missing) {
        static_assert(N * 2 <= Slots);
        for (auto& s : slots_) {
            s = entry{{}, missing};
        }
        for (const auto& e : entries) {
            std::size_t i = upper_hash(e.name) & (Slots - 1);
            while (!slots_[i].name.empty()) {
                i = (i + 1) & (Slots - 1);
            }
            slots_[i] = e;
        }
    }

    constexpr Value find(std::string_view name) const noexcept {
        std::size_t i = upper_hash(name) & (Slots - 1);
        while (!slots_[i].name.empty()) {
            if (same(slots_[i].name, name)) {
                return slots_[i].value;
            }
            i = (i + 1) & (Slots - 1);
        }
        return missing_;
    }

private:
    static constexpr bool same(std::string_view upper, std::string_view any) noexcept {
        if (upper.size() != any.size()) {
            return false;
        }
        if (upper == any) {
            return true; // the API's own spelling: one memcmp
        }
        for (std::size_t k = 0; k < upper.size(); ++k) {
            if (upper[k] != ascii_upper(any[k])) {
                return false;
            }
        }
        return true;
    }

    std::array<entry, Slots> slots_{};
    Value missing_;
};

} // namespace glue_inventory::audit::detail
