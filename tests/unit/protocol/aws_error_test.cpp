#include "protocol/aws_error.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>
#include <string>

using namespace glue_inventory::protocol;

BOOST_AUTO_TEST_SUITE(aws_error_suite)

BOOST_AUTO_TEST_CASE(code_comes_from_the_header_first) {
    const auto e = parse_aws_error(400, "ThrottlingException:http://internal.amazon.com/",
                                   R"({"__type":"InvalidInputException","message":"m"})");
    BOOST_TEST(e.code == "ThrottlingException");
    BOOST_TEST((e.kind == error_kind::throttling));
}

BOOST_AUTO_TEST_CASE(a_header_with_no_code_in_it_does_not_hide_the_body_code) {
    // Found by fuzz_aws_error: "[#" cleans to nothing, and the body's code was then lost.
    const auto e = parse_aws_error(429, "[#", R"({"__type":"ThrottlingException"})");
    BOOST_TEST(e.code == "ThrottlingException");
    BOOST_TEST((e.kind == error_kind::throttling));
}

BOOST_AUTO_TEST_CASE(code_comes_from_type_without_a_header) {
    const auto e = parse_aws_error(
        400, "", R"({"__type":"com.amazonaws.glue#EntityNotFoundException","code":"Other"})");
    BOOST_TEST(e.code == "EntityNotFoundException");
    BOOST_TEST((e.kind == error_kind::entity_not_found));
}

BOOST_AUTO_TEST_CASE(code_comes_from_code_without_type) {
    const auto e = parse_aws_error(400, "", R"({"code":"InvalidInputException"})");
    BOOST_TEST(e.code == "InvalidInputException");
    BOOST_TEST((e.kind == error_kind::invalid_input));
}

BOOST_AUTO_TEST_CASE(namespace_and_colon_suffix_are_stripped) {
    // The Smithy awsJson1_1 protocol tests' sanitisation cases.
    for (const auto* raw : {"FooError", " FooError ", "FooError:http://internal.amazon.com/coral/",
                            "aws.protocoltests.restjson#FooError",
                            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/"
                            "coral/com.amazon.coral.validate/"}) {
        BOOST_TEST(parse_aws_error(400, raw, "").code == "FooError", raw);
        const std::string body = std::string{R"({"__type":")"} + raw + "\"}";
        BOOST_TEST(parse_aws_error(400, "", body).code == "FooError", raw);
    }
}

BOOST_AUTO_TEST_CASE(message_comes_from_message_or_Message) {
    BOOST_TEST(parse_aws_error(400, "X", R"({"message":"lower"})").message == "lower");
    BOOST_TEST(parse_aws_error(400, "X", R"({"Message":"upper"})").message == "upper");
    BOOST_TEST(parse_aws_error(400, "X", R"({"Message":"upper","message":"lower"})").message ==
               "lower");
}

BOOST_AUTO_TEST_CASE(an_empty_or_unreadable_body_is_classified_by_status) {
    auto e = parse_aws_error(503, "", "");
    BOOST_TEST(e.code.empty());
    BOOST_TEST(e.message.empty());
    BOOST_TEST((e.kind == error_kind::transient));
    e = parse_aws_error(500, "", "<html>Internal error</html>");
    BOOST_TEST((e.kind == error_kind::transient));
    e = parse_aws_error(400, "", "{not json");
    BOOST_TEST((e.kind == error_kind::other));
    e = parse_aws_error(429, "", "");
    BOOST_TEST((e.kind == error_kind::throttling));
}

BOOST_AUTO_TEST_CASE(the_four_modelled_glue_errors) {
    BOOST_TEST((classify_error(400, "EntityNotFoundException") == error_kind::entity_not_found));
    BOOST_TEST((classify_error(400, "OperationTimeoutException") == error_kind::operation_timeout));
    BOOST_TEST((classify_error(400, "InvalidInputException") == error_kind::invalid_input));
    BOOST_TEST((classify_error(400, "GlueEncryptionException") == error_kind::glue_encryption));
}

BOOST_AUTO_TEST_CASE(throttling_codes_shared_by_the_sdks) {
    for (const auto* code :
         {"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
          "TooManyRequestsException", "ProvisionedThroughputExceededException",
          "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
          "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException"}) {
        BOOST_TEST((classify_error(400, code) == error_kind::throttling), code);
    }
}

BOOST_AUTO_TEST_CASE(transient_codes_and_statuses) {
    for (const auto* code :
         {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"}) {
        BOOST_TEST((classify_error(400, code) == error_kind::transient), code);
    }
    for (const unsigned status : {500U, 502U, 503U, 504U}) {
        BOOST_TEST((classify_error(status, "") == error_kind::transient));
        BOOST_TEST((classify_error(status, "InternalServiceException") == error_kind::transient));
        BOOST_TEST((classify_error(status, "InternalFailure") == error_kind::transient));
    }
    BOOST_TEST((classify_error(400, "InternalServiceException") == error_kind::other));
    BOOST_TEST((classify_error(501, "") == error_kind::other));
}

BOOST_AUTO_TEST_CASE(access_denied_codes) {
    for (const auto* code :
         {"AccessDeniedException", "AccessDenied", "UnrecognizedClientException",
          "InvalidSignatureException", "ExpiredTokenException", "InvalidClientTokenId",
          "SignatureDoesNotMatch", "IncompleteSignature"}) {
        BOOST_TEST((classify_error(403, code) == error_kind::access_denied), code);
    }
}

BOOST_AUTO_TEST_CASE(anything_else_is_other) {
    BOOST_TEST((classify_error(400, "ValidationException") == error_kind::other));
    BOOST_TEST((classify_error(400, "") == error_kind::other));
}

// What moto answers a JSON-protocol call (Organizations) signed with a wrong secret: HTTP 403
// and the query protocol's XML.
constexpr std::string_view moto_signature_error =
    "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request "
    "signature we calculated does not match the signature you provided.</Message></Error>"
    "</Errors><RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></ErrorResponse>";

BOOST_AUTO_TEST_CASE(an_xml_body_to_a_json_call_gives_its_code_message_and_request_id) {
    const auto e = parse_aws_error(403, "", moto_signature_error, "text/xml");
    BOOST_TEST(e.code == "SignatureDoesNotMatch");
    BOOST_TEST(e.message ==
               "The request signature we calculated does not match the signature you provided.");
    BOOST_TEST(e.request_id == "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
    BOOST_TEST((e.kind == error_kind::access_denied));
}

BOOST_AUTO_TEST_CASE(xml_error_shapes_of_sts_s3_and_a_truncated_body) {
    // STS and the query protocol: one <Error> under <ErrorResponse>, with a namespace.
    auto e = parse_aws_error(403, "",
                             "<?xml version=\"1.0\"?>\n<ErrorResponse "
                             "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
                             "    <Type>Sender</Type>\n    <Code>AccessDenied</Code>\n"
                             "    <Message>not authorized &amp; more</Message>\n  </Error>\n"
                             "  <RequestId>r-1</RequestId>\n</ErrorResponse>\n");
    BOOST_TEST(e.code == "AccessDenied");
    BOOST_TEST(e.message == "not authorized & more");
    BOOST_TEST(e.request_id == "r-1");
    // S3: <Error> is the root.
    e = parse_aws_error(503, "", "<Error><Code>SlowDown</Code><Message>m</Message></Error>");
    BOOST_TEST(e.code == "SlowDown");
    BOOST_TEST((e.kind == error_kind::throttling));
    // Cut short (a dropped connection, a body limit): what came before the cut is read.
    e = parse_aws_error(400, "", "<ErrorResponse><Error><Code>Throttling</Code><Message>Rat");
    BOOST_TEST(e.code == "Throttling");
    BOOST_TEST(e.message == "Rat");
    // An <Error> without a <Code> gives nothing: the next one does.
    e = parse_aws_error(400, "",
                        "<R><Error><Message>x</Message></Error><Error><Code>C</Code>"
                        "</Error></R>");
    BOOST_TEST(e.code == "C");
}

BOOST_AUTO_TEST_CASE(the_header_beats_any_body) {
    const auto e = parse_aws_error(403, "InvalidSignatureException", moto_signature_error);
    BOOST_TEST(e.code == "InvalidSignatureException");
}

BOOST_AUTO_TEST_CASE(json_Code_and_a_nested_Error_object_give_the_code) {
    auto e = parse_aws_error(400, "", R"({"Code":"ValidationError","Message":"bad"})");
    BOOST_TEST(e.code == "ValidationError");
    BOOST_TEST(e.message == "bad");
    e = parse_aws_error(400, "",
                        R"({"Error":{"Code":"Throttling","Message":"Rate exceeded"},"x":1})");
    BOOST_TEST(e.code == "Throttling");
    BOOST_TEST(e.message == "Rate exceeded");
    BOOST_TEST((e.kind == error_kind::throttling));
    // "__type" and "code" come first.
    e = parse_aws_error(400, "", R"({"Code":"B","code":"A"})");
    BOOST_TEST(e.code == "A");
    e = parse_aws_error(400, "", R"({"Error":{"Code":"C"},"Code":"B","__type":"A"})");
    BOOST_TEST(e.code == "A");
}

BOOST_AUTO_TEST_CASE(without_a_code_the_message_quotes_the_body_and_its_content_type) {
    auto e = parse_aws_error(502, "", "<html><head><title>502 Bad Gateway</title></head></html>\n",
                             "text/html");
    BOOST_TEST(e.code.empty());
    BOOST_TEST((e.kind == error_kind::transient));
    BOOST_TEST(e.message == "the error body could not be read (Content-Type: text/html, 57 "
                            "bytes): <html><head><title>502 Bad Gateway</title></head></html>\\n");
    // A message read without a code keeps its place in front.
    e = parse_aws_error(403, "", R"({"message":"Forbidden"})", "application/json");
    BOOST_TEST(e.message == "Forbidden; the error body could not be read (Content-Type: "
                            "application/json, 23 bytes): {\"message\":\"Forbidden\"}");
    e = parse_aws_error(400, "", "x");
    BOOST_TEST(e.message == "the error body could not be read (Content-Type: none, 1 byte): x");
    // Nothing to quote.
    BOOST_TEST(parse_aws_error(503, "", "").message.empty());
    BOOST_TEST(parse_aws_error(503, "", " \r\n").message.empty());
    // With a code, the body is not quoted.
    BOOST_TEST(parse_aws_error(400, "ThrottlingException", "<html/>").message.empty());
}

BOOST_AUTO_TEST_CASE(the_excerpt_is_bounded_and_cut_on_a_character_boundary) {
    BOOST_TEST(body_excerpt_limit == 200u);
    const std::string ascii(1000, 'a');
    BOOST_TEST(redacted_excerpt(ascii) == std::string(200, 'a') + "...");
    BOOST_TEST(redacted_excerpt(std::string(200, 'a')) == std::string(200, 'a'));
    // Two-, three- and four-byte characters at every offset against the limit.
    for (const std::string_view character : {"\xC3\xA9", "\xE6\x8E\xA5", "\xF0\x9F\x9A\x80"}) {
        for (std::size_t offset = 0; offset < 4; ++offset) {
            std::string body(offset, 'x');
            while (body.size() < 400) {
                body += character;
            }
            const std::string excerpt = redacted_excerpt(body);
            BOOST_TEST_REQUIRE(excerpt.ends_with("..."));
            const std::string_view kept{excerpt.data(), excerpt.size() - 3};
            BOOST_TEST(kept.size() <= body_excerpt_limit);
            BOOST_TEST(kept.size() > body_excerpt_limit - character.size());
            BOOST_TEST(simdjson::validate_utf8(kept.data(), kept.size()));
            BOOST_TEST(body.starts_with(kept));
        }
    }
    // An escape is not cut either.
    const std::string excerpt = redacted_excerpt(std::string(199, 'a') + "\n");
    BOOST_TEST(excerpt == std::string(199, 'a') + "...");
}

BOOST_AUTO_TEST_CASE(control_characters_and_bytes_that_are_not_utf8_are_escaped) {
    BOOST_TEST(redacted_excerpt(std::string_view{"a\nb\r\tc\x01\x7f\\d\x00", 11}) ==
               R"(a\nb\r\tc\x01\x7f\\d\x00)");
    BOOST_TEST(redacted_excerpt("\xFF\xC3(\xE2\x80\xE9t\xC3\xA9") == R"(\xff\xc3(\xe2\x80\xe9t)"
                                                                     "\xC3\xA9");
    BOOST_TEST(redacted_excerpt("\xED\xA0\x80") == R"(\xed\xa0\x80)"); // a surrogate
    BOOST_TEST(redacted_excerpt("\xC0\xAF") == R"(\xc0\xaf)");         // overlong
}

BOOST_AUTO_TEST_CASE(url_user_information_is_redacted) {
    BOOST_TEST(
        redacted_excerpt("<p>cannot reach postgresql://admin:hunter2@db.internal:5432/x</p>") ==
        "<p>cannot reach postgresql://***@db.internal:5432/x</p>");
    BOOST_TEST(redacted_excerpt(R"({"url":"https:\/\/u:p%40ss@h.example\/a","b":"http://h/ok"})") ==
               R"({"url":"https://***@h.example\\/a","b":"http://h/ok"})");
    BOOST_TEST(redacted_excerpt("a https://h.example/path b") == "a https://h.example/path b");
    BOOST_TEST(redacted_excerpt("mongodb://u:p@h1,h2 and ftp://x:y@z") ==
               "mongodb://***@h1,h2 and ftp://***@z");
    // A password that would start before the cut and end after it shows no byte.
    for (std::size_t before = 185; before < 205; ++before) {
        const std::string body =
            std::string(before, 'a') + " https://someuser:secretpassword@host.example/";
        const std::string excerpt = redacted_excerpt(body);
        BOOST_TEST(excerpt.find("someuser") == std::string::npos, before);
        BOOST_TEST(excerpt.find("secret") == std::string::npos, before);
        BOOST_TEST(excerpt.find("som") == std::string::npos, before);
        BOOST_TEST(excerpt.size() <= body_excerpt_limit + 3);
    }
    // A URL too long to follow to its end is not shown at all.
    const std::string endless = "x https://user:" + std::string(5000, 'p') + "@h";
    BOOST_TEST(redacted_excerpt(endless) == "x https://***...");
    // Many URLs in one endless token: bounded work, nothing of them shown.
    std::string many;
    for (int i = 0; i < 100000; ++i) {
        many += "a://";
    }
    BOOST_TEST(redacted_excerpt(many) == "a://***...");
    // A message read from the body is whole, but without user information either.
    auto m = parse_aws_error(400, "",
                             R"({"__type":"InvalidInputException","message":"bad URL )"
                             R"(jdbc:postgresql://admin:hunter2@db:5432/x, fix it"})");
    BOOST_TEST(m.message == "bad URL jdbc:postgresql://***@db:5432/x, fix it");
    m = parse_aws_error(400, "",
                        "<Error><Code>C</Code><Message>see https://u:p@h/</Message></Error>");
    BOOST_TEST(m.message == "see https://***@h/");
    BOOST_TEST(without_url_userinfo("no url: a@b, c://d e@f") == "no url: a@b, c://d e@f");
    // The note redacts the Content-Type too, and never quotes the body's password.
    const auto e =
        parse_aws_error(500, "", "proxy error for http://svc:pw123@up:8080", "t://a:b@c");
    BOOST_TEST(e.message.find("pw123") == std::string::npos);
    BOOST_TEST(e.message.find("a:b") == std::string::npos);
    BOOST_TEST(e.message.find("http://***@up:8080") != std::string::npos);
}

// What AWS answers a request whose signature does not match (aws-sdk-cpp issue #17 shows one
// from Cognito Sync): the canonical request, whose x-amz-security-token line is the session
// token the request carried.
BOOST_AUTO_TEST_CASE(the_secrets_a_request_was_signed_with_are_taken_out_of_its_error) {
    const std::string token = "FQoGZXIvYXdzEXAMPLEtokenP0lk1Yo3qmVMsKNHJ+Yze0/Px140nEivI1wcg2BT01C";
    const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const std::string body =
        R"({"__type":"InvalidSignatureException","message":"The request signature we calculated )"
        R"(does not match the signature you provided.\n\nThe Canonical String for this request )"
        R"(should have been\n'POST\n/\n\nhost:glue.us-east-1.amazonaws.com\nx-amz-date:)"
        R"(20240501T000000Z\nx-amz-security-token:)" +
        token + R"(\n\nhost;x-amz-date;x-amz-security-token\ne3b0'\n"})";
    const std::string redacted = without_secrets(body, {token, secret, ""});
    BOOST_TEST(redacted.find(token) == std::string::npos);
    BOOST_TEST(redacted.find(R"(x-amz-security-token:***\n)") != std::string::npos);
    const auto e = parse_aws_error(403, "", redacted);
    BOOST_TEST(e.code == "InvalidSignatureException");
    BOOST_TEST(e.message.find(token) == std::string::npos);
    BOOST_TEST(e.message.find("x-amz-security-token:***\n") != std::string::npos);
    // Every occurrence, of every secret; an empty one (long-term keys have no token) is no
    // secret.
    BOOST_TEST(without_secrets(token + " " + secret + token, {token, secret}) == "*** ******");
    BOOST_TEST(without_secrets("abc", {""}) == "abc");
    // Also as a JSON writer that escapes '/' sends it.
    BOOST_TEST(without_secrets(R"({"m":"k=wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY"})",
                               {secret}) == R"({"m":"k=***"})");
    BOOST_TEST(without_secrets("aaaa", {"aa"}) == "******");
    BOOST_TEST(without_secrets("a*a", {"a"}) == "*******");
}

BOOST_AUTO_TEST_SUITE_END()
