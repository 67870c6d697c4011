#include "endpoints/endpoint_resolver.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>

namespace ep = glue_inventory::endpoints;

namespace {
std::string shown(const std::optional<std::string>& v) {
    return v.value_or("<unset>");
}
bool contains(const std::vector<std::string>& v, std::string_view s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}
} // namespace

BOOST_AUTO_TEST_SUITE(regions)

BOOST_AUTO_TEST_CASE(the_aws_partition_lists_its_real_regions_sorted_without_aws_global) {
    const auto regions = ep::partition_regions("aws");
    BOOST_TEST(contains(regions, "us-east-1"));
    BOOST_TEST(contains(regions, "eu-west-1"));
    BOOST_TEST(contains(regions, "mx-central-1"));
    BOOST_TEST(!contains(regions, "aws-global"));
    BOOST_TEST(!contains(regions, "cn-north-1"));
    BOOST_TEST(std::is_sorted(regions.begin(), regions.end()));
    BOOST_TEST(regions.size() == 34U); // partitions.json lists 35 names, aws-global included
}

BOOST_AUTO_TEST_CASE(the_other_partitions_list_their_own_regions) {
    BOOST_TEST((ep::partition_regions("aws-cn") ==
                std::vector<std::string>{"cn-north-1", "cn-northwest-1"}));
    BOOST_TEST((ep::partition_regions("aws-us-gov") ==
                std::vector<std::string>{"us-gov-east-1", "us-gov-west-1"}));
    BOOST_TEST((ep::partition_regions("aws-iso") ==
                std::vector<std::string>{"us-iso-east-1", "us-iso-west-1"}));
}

BOOST_AUTO_TEST_CASE(every_partition_has_real_regions_and_knows_them) {
    // Compiles every partition's regionRegex (each is compiled at its first use): a regex of the
    // embedded data that does not compile, or matches none of its own regions, fails here.
    for (const char* id : {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
                           "aws-iso-f", "aws-eusc"}) {
        const auto regions = ep::partition_regions(id);
        BOOST_TEST(!regions.empty(), id);
        for (const auto& r : regions) {
            BOOST_TEST(ep::is_known_region(r), r);
            BOOST_TEST(shown(ep::partition_of_region(r)) == id);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_partition_has_no_regions) {
    BOOST_TEST(ep::partition_regions("aws-moon").empty());
}

BOOST_AUTO_TEST_CASE(a_region_belongs_to_the_partition_that_lists_or_matches_it) {
    BOOST_TEST(shown(ep::partition_of_region("us-east-1")) == "aws");
    BOOST_TEST(shown(ep::partition_of_region("aws-global")) == "aws");
    BOOST_TEST(shown(ep::partition_of_region("cn-northwest-1")) == "aws-cn");
    BOOST_TEST(shown(ep::partition_of_region("us-gov-west-1")) == "aws-us-gov");
    BOOST_TEST(shown(ep::partition_of_region("us-isob-east-1")) == "aws-iso-b");
    BOOST_TEST(shown(ep::partition_of_region("eusc-de-east-1")) == "aws-eusc");
    // Not listed yet, but matched by the partition's regionRegex.
    BOOST_TEST(shown(ep::partition_of_region("us-east-3")) == "aws");
    BOOST_TEST(shown(ep::partition_of_region("us-gov-central-1")) == "aws-us-gov");
}

BOOST_AUTO_TEST_CASE(a_name_no_partition_claims_has_no_partition) {
    BOOST_TEST(!ep::partition_of_region("mars-east-1").has_value());
    BOOST_TEST(!ep::partition_of_region("").has_value());
}

BOOST_AUTO_TEST_CASE(only_listed_real_regions_are_known) {
    BOOST_TEST(ep::is_known_region("eu-central-1"));
    BOOST_TEST(ep::is_known_region("cn-north-1"));
    BOOST_TEST(!ep::is_known_region("aws-global"));
    BOOST_TEST(!ep::is_known_region("us-east-3"));
    BOOST_TEST(!ep::is_known_region("mars-east-1"));
}

BOOST_AUTO_TEST_CASE(a_region_that_is_no_dns_label_matches_no_partition_and_does_not_crash) {
    // fuzz_endpoints: "us-" and some thousand word characters overflowed the stack in
    // std::regex_match against the aws partition's "^(us|eu|...)\\-\\w+\\-\\d+$" (the matcher
    // recurses once per character). A million here would crash without the label check.
    const std::string huge = "us-" + std::string(1'000'000, 'F') + "-1";
    BOOST_TEST(!ep::partition_of_region(huge).has_value());
    BOOST_TEST(!ep::is_known_region(huge));
    ep::params p;
    p.region = huge;
    const auto r = ep::resolver().resolve(ep::service::glue, p);
    BOOST_TEST(!r.ok());
    BOOST_TEST(r.error().size() < 200U, r.error().size()); // the region is not quoted whole
    // The longest label still resolves to its partition by the regex.
    const std::string longest = "us-" + std::string(58, 'x') + "-1";
    BOOST_TEST(longest.size() == 63U);
    BOOST_TEST(ep::partition_of_region(longest).value_or("") == "aws");
    BOOST_TEST(!ep::partition_of_region(longest + "2").has_value());
    BOOST_TEST(!ep::partition_of_region("us_east_1").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
