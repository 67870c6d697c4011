#include "protocol/aws_error.hpp"

#include <boost/test/unit_test.hpp>

using namespace glue_inventory::protocol;

BOOST_AUTO_TEST_SUITE(aws_error_suite)

BOOST_AUTO_TEST_CASE(code_comes_from_the_header_first) {
    const auto e = parse_aws_error(400, "ThrottlingException:http://internal.amazon.com/",
                                   R"({"__type":"InvalidInputException","message":"m"})");
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

BOOST_AUTO_TEST_SUITE_END()
