// Timestamps: the JSON 1.1 epoch-seconds reader and writer (protocol/timestamp_text), the
// ISO 8601 writer, and the credentials' ISO 8601 reader (credentials/timestamp). Properties:
// - parse_epoch_seconds: ok only within [min, max]; write_epoch_seconds of the value parses
//   back to it exactly;
// - the first 8 bytes as milliseconds, folded into the range: epoch seconds round trip exactly;
//   ISO 8601 text is 24 bytes and reads back (credentials reader) as the same second;
// - parse_iso8601 of the input: an accepted time in the four-digit years, written as ISO 8601,
//   reads back as the same second.
#include "credentials/timestamp.hpp"
#include "fuzz_check.hpp"
#include "protocol/timestamp_text.hpp"

#include <cstring>
#include <string>

using namespace glue_inventory;
using std::chrono::milliseconds;

namespace {

std::chrono::sys_seconds floor_seconds(timestamp t) {
    return std::chrono::floor<std::chrono::seconds>(t);
}

void round_trip(timestamp t) {
    std::string epoch;
    protocol::write_epoch_seconds(t, epoch);
    timestamp back{};
    FUZZ_CHECK(protocol::parse_epoch_seconds(epoch, back) == protocol::epoch_seconds_status::ok);
    FUZZ_CHECK(back == t);

    std::string iso;
    protocol::write_iso8601(t, iso);
    FUZZ_CHECK(iso.size() == 24 && iso.back() == 'Z');
    const auto seconds = creds::parse_iso8601(iso);
    FUZZ_CHECK(seconds.has_value() && *seconds == floor_seconds(t));
}

bool in_range(std::int64_t millis) {
    return millis >= protocol::min_timestamp_millis && millis <= protocol::max_timestamp_millis;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::as_text(data, size);

    timestamp t{};
    const auto status = protocol::parse_epoch_seconds(text, t);
    if (status == protocol::epoch_seconds_status::ok) {
        FUZZ_CHECK(in_range(t.time_since_epoch().count()));
        round_trip(t);
    }

    if (size >= 8) {
        std::uint64_t raw = 0;
        std::memcpy(&raw, data, sizeof raw);
        const auto span = static_cast<std::uint64_t>(protocol::max_timestamp_millis -
                                                     protocol::min_timestamp_millis) +
                          1U;
        const auto millis = protocol::min_timestamp_millis + static_cast<std::int64_t>(raw % span);
        round_trip(timestamp{milliseconds{millis}});
    }

    if (const auto when = creds::parse_iso8601(text)) {
        const auto millis = std::chrono::time_point_cast<milliseconds>(*when);
        if (in_range(millis.time_since_epoch().count())) {
            std::string iso;
            protocol::write_iso8601(millis, iso);
            FUZZ_CHECK(creds::parse_iso8601(iso) == *when);
        }
    }
    return 0;
}
