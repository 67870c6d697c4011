// The simulator's side: signatures made by sign() verify, and every kind of tampering is caught.
#include "aws_suite.hpp"
#include "sigv4/verifier.hpp"

#include <boost/test/unit_test.hpp>
#include <vector>

namespace sigv4 = glue_inventory::sigv4;
using namespace std::chrono_literals;

namespace {

constexpr std::chrono::sys_seconds request_time =
    std::chrono::sys_days{std::chrono::year{2024} / 5 / 1} + 12h + 34min + 56s;
constexpr std::string_view secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view body =
    R"({"CatalogId":"123456789012","Filter":{"ConnectionType":"JDBC"},"HidePassword":true,"MaxResults":100})";

std::string verdict_name(sigv4::verdict v) {
    return std::string{sigv4::to_string(v)};
}

/// A GetConnections request as the client sends it, signed, and as the server receives it.
struct signed_call {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string payload{body};
    sigv4::scope sc{"us-east-1", "glue", request_time};

    explicit signed_call(std::string_view signing_secret = secret,
                         std::string_view signing_region = "us-east-1") {
        const std::array client_headers{
            sigv4::header_ref{"Host", "glue.us-east-1.amazonaws.com"},
            sigv4::header_ref{"Content-Type", "application/x-amz-json-1.1"},
            sigv4::header_ref{"X-Amz-Target", "AWSGlue.GetConnections"}};
        const sigv4::scope signing_scope{signing_region, "glue", request_time};
        const auto out = sigv4::sign({"POST", "/", "", client_headers, payload}, signing_scope,
                                     {"AKIDEXAMPLE", signing_secret, "SESSION-TOKEN"},
                                     sigv4::derive_signing_key(signing_secret, signing_scope));
        for (const auto& h : client_headers) {
            headers.emplace_back(h.name, h.value);
        }
        headers.emplace_back("User-Agent", "glue-inventory/1.2.0"); // sent, not signed
        headers.emplace_back("X-Amz-Date", out.x_amz_date);
        headers.emplace_back("X-Amz-Security-Token", out.x_amz_security_token);
        headers.emplace_back("Authorization", out.authorization);
    }

    std::string header(std::string_view name) const {
        for (const auto& [n, v] : headers) {
            if (n == name) {
                return v;
            }
        }
        return {};
    }

    sigv4::verdict verify(std::string_view server_secret = secret) const {
        const auto auth = sigv4::parse_authorization(header("Authorization"));
        if (!auth) {
            return sigv4::verdict::malformed;
        }
        std::vector<sigv4::header_ref> refs;
        for (const auto& [n, v] : headers) {
            refs.push_back({n, v});
        }
        return sigv4::verify(*auth, {"POST", "/", "", refs, payload}, server_secret, sc);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(verifier)

BOOST_AUTO_TEST_CASE(parse_authorization_takes_the_header_apart) {
    const auto auth = sigv4::parse_authorization(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        "SignedHeaders=host;my-header1;x-amz-date, "
        "Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
    BOOST_TEST_REQUIRE(auth.has_value());
    BOOST_TEST(auth->access_key_id == "AKIDEXAMPLE");
    BOOST_TEST(auth->date == "20150830");
    BOOST_TEST(auth->region == "us-east-1");
    BOOST_TEST(auth->service == "service");
    BOOST_TEST(
        (auth->signed_headers == std::vector<std::string>{"host", "my-header1", "x-amz-date"}));
    BOOST_TEST(auth->signature ==
               "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
}

BOOST_AUTO_TEST_CASE(parse_authorization_rejects_malformed_headers) {
    const std::string sig = "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea";
    const std::string cred = "Credential=AKID/20150830/us-east-1/glue/aws4_request";
    for (const std::string& bad : {
             std::string{},
             "AWS4-HMAC-SHA1 " + cred + ", SignedHeaders=host, Signature=" + sig,
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host",
             "AWS4-HMAC-SHA256 " + cred + ", Signature=" + sig,
             "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + sig,
             "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/glue, SignedHeaders=host, "
             "Signature=" +
                 sig,
             "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/glue/aws5_request, "
             "SignedHeaders=host, Signature=" +
                 sig,
             "AWS4-HMAC-SHA256 Credential=AKID/2015083/us-east-1/glue/aws4_request, "
             "SignedHeaders=host, Signature=" +
                 sig,
             "AWS4-HMAC-SHA256 Credential=AKID//us-east-1/glue/aws4_request, SignedHeaders=host, "
             "Signature=" +
                 sig,
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=Host, Signature=" + sig,
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=x-amz-date;host, Signature=" + sig,
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;;x-amz-date, Signature=" + sig,
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + sig.substr(1),
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + std::string(64, 'A'),
             "AWS4-HMAC-SHA256 " + cred + ", " + cred + ", SignedHeaders=host, Signature=" + sig,
             "AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + sig + ", Extra=1",
         }) {
        BOOST_TEST_CONTEXT(bad) {
            BOOST_TEST(!sigv4::parse_authorization(bad).has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(every_normalised_suite_request_verifies) {
    std::size_t verified = 0;
    for (const auto& c : sigv4::test::aws_suite()) {
        if (!c.normalize) {
            continue; // the verifier normalises paths, as every service but S3 does
        }
        BOOST_TEST_CONTEXT(c.name) {
            std::vector<sigv4::header_ref> received;
            for (const auto& [name, value] : c.signed_request_headers) {
                received.push_back({name, value});
            }
            const auto auth = sigv4::parse_authorization(c.signed_request_header("Authorization"));
            BOOST_TEST_REQUIRE(auth.has_value());
            BOOST_TEST(verdict_name(sigv4::verify(*auth, c.request(received), c.secret_access_key,
                                                  c.signing_scope())) == "ok");
            ++verified;
        }
    }
    BOOST_TEST(verified >= 30U);
}

BOOST_AUTO_TEST_CASE(a_signed_request_verifies) {
    BOOST_TEST(verdict_name(signed_call{}.verify()) == "ok");
}

BOOST_AUTO_TEST_CASE(unsigned_headers_may_change) {
    signed_call call;
    call.headers.at(3).second = "a-proxy-rewrote-this";
    BOOST_TEST(call.headers.at(3).first == "User-Agent");
    BOOST_TEST(verdict_name(call.verify()) == "ok");
}

BOOST_AUTO_TEST_CASE(a_tampered_body_is_a_signature_mismatch) {
    signed_call call;
    call.payload.replace(call.payload.find("JDBC"), 4, "KAFK");
    BOOST_TEST(verdict_name(call.verify()) == "signature_mismatch");
}

BOOST_AUTO_TEST_CASE(a_tampered_signed_header_is_a_signature_mismatch) {
    signed_call call;
    call.headers.at(2).second = "AWSGlue.DeleteConnection";
    BOOST_TEST(verdict_name(call.verify()) == "signature_mismatch");
}

BOOST_AUTO_TEST_CASE(a_tampered_session_token_is_a_signature_mismatch) {
    signed_call call;
    call.headers.at(5).second = "ANOTHER-TOKEN";
    BOOST_TEST(verdict_name(call.verify()) == "signature_mismatch");
}

BOOST_AUTO_TEST_CASE(the_wrong_secret_is_a_signature_mismatch) {
    BOOST_TEST(verdict_name(signed_call{"not-the-secret"}.verify()) == "signature_mismatch");
    BOOST_TEST(verdict_name(signed_call{}.verify("not-the-secret")) == "signature_mismatch");
}

BOOST_AUTO_TEST_CASE(a_request_signed_for_another_region_is_a_scope_mismatch) {
    BOOST_TEST(verdict_name(signed_call{secret, "us-west-2"}.verify()) == "scope_mismatch");
}

BOOST_AUTO_TEST_CASE(a_request_signed_on_another_day_is_a_scope_mismatch) {
    signed_call call;
    call.sc.time += 24h;
    BOOST_TEST(verdict_name(call.verify()) == "scope_mismatch");
}

BOOST_AUTO_TEST_CASE(another_time_the_same_day_is_a_signature_mismatch) {
    signed_call call;
    call.sc.time += 1s;
    BOOST_TEST(verdict_name(call.verify()) == "signature_mismatch");
}

BOOST_AUTO_TEST_CASE(a_signed_header_absent_from_the_request_is_reported) {
    signed_call call;
    call.headers.erase(call.headers.begin() + 2); // X-Amz-Target
    BOOST_TEST(verdict_name(call.verify()) == "signed_header_missing");
}

BOOST_AUTO_TEST_CASE(a_signature_that_does_not_cover_host_is_malformed) {
    const auto auth = sigv4::parse_authorization(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240501/us-east-1/glue/aws4_request, "
        "SignedHeaders=x-amz-date, "
        "Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
    BOOST_TEST_REQUIRE(auth.has_value());
    const std::array headers{sigv4::header_ref{"X-Amz-Date", "20240501T123456Z"}};
    BOOST_TEST(verdict_name(sigv4::verify(*auth, {"POST", "/", "", headers, ""}, secret,
                                          {"us-east-1", "glue", request_time})) == "malformed");
}

BOOST_AUTO_TEST_SUITE_END()
