// A fixed-capacity array whose elements are not initialised until written: the rules' scratch
// structures (URL parameters, hosts, secret spans) hold kilobytes that a zeroing constructor
// would clear for every connection, and most of it is never used.
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>

namespace glue_inventory::audit::detail {

template <typename T, std::size_t N>
class fixed_buffer {
    static_assert(std::is_trivially_destructible_v<T>);
    static_assert(std::is_trivially_copyable_v<T>);

public:
    fixed_buffer() noexcept {} // NOLINT: leaves the storage uninitialised on purpose
    fixed_buffer(const fixed_buffer& other) noexcept : count_(other.count_) {
        for (std::size_t i = 0; i < count_; ++i) {
            items_[i] = other.items_[i];
        }
    }
    fixed_buffer& operator=(const fixed_buffer& other) noexcept {
        count_ = other.count_;
        for (std::size_t i = 0; i < count_; ++i) {
            items_[i] = other.items_[i];
        }
        return *this;
    }

    static constexpr std::size_t capacity() { return N; }
    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    bool full() const { return count_ == N; }
    void clear() { count_ = 0; }
    /// Appends `item`; false (and nothing written) when full.
    bool push_back(const T& item) {
        if (count_ == N) {
            return false;
        }
        items_[count_++] = item;
        return true;
    }
    T& operator[](std::size_t i) { return items_[i]; }
    const T& operator[](std::size_t i) const { return items_[i]; }
    const T& back() const { return items_[count_ - 1]; }
    std::span<const T> view() const { return {items_, count_}; }

private:
    std::size_t count_ = 0;
    union {
        T items_[N];
    };
};

} // namespace glue_inventory::audit::detail
