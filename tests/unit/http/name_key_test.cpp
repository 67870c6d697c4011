// name_key (http/name_key): names OpenSSL calls equal must share a key; names it leaves to
// OpenSSL must have none.
#include "http/name_key.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <string>
#include <vector>

namespace {

namespace http = glue_inventory::http;

struct name_free {
    void operator()(X509_NAME* n) const { X509_NAME_free(n); }
};
using name_ptr = std::unique_ptr<X509_NAME, name_free>;

struct attribute {
    int nid;
    int type; // an ASN.1 string type (V_ASN1_...)
    std::string value;
    int set = 0; // 0: an RDN of its own; -1: joined to the previous RDN
};

name_ptr make_name(const std::vector<attribute>& attributes) {
    name_ptr name(X509_NAME_new());
    for (const auto& a : attributes) {
        X509_NAME_add_entry_by_NID(name.get(), a.nid, a.type,
                                   reinterpret_cast<const unsigned char*>(a.value.data()),
                                   static_cast<int>(a.value.size()), -1, a.set);
    }
    return name;
}

std::optional<std::string> key_of(const X509_NAME* name) {
    const unsigned char* der = nullptr;
    std::size_t size = 0;
    BOOST_REQUIRE(X509_NAME_get0_der(name, &der, &size) == 1);
    return http::name_key(der, size);
}

} // namespace

BOOST_AUTO_TEST_SUITE(name_key)

BOOST_AUTO_TEST_CASE(names_openssl_calls_equal_share_a_key) {
    // Variants of one name in case, white space and string type: OpenSSL's canonical encoding
    // makes them equal, and each pair must have one key.
    const std::vector<std::vector<attribute>> variants = {
        {{NID_countryName, V_ASN1_PRINTABLESTRING, "US"},
         {NID_organizationName, V_ASN1_PRINTABLESTRING, "Example Trust Services"},
         {NID_commonName, V_ASN1_PRINTABLESTRING, "Example Root CA 1"}},
        {{NID_countryName, V_ASN1_UTF8STRING, "us"},
         {NID_organizationName, V_ASN1_UTF8STRING, "  example   TRUST\tservices "},
         {NID_commonName, V_ASN1_IA5STRING, "EXAMPLE root\r\nca 1"}},
        {{NID_countryName, V_ASN1_T61STRING, "Us"},
         {NID_organizationName, V_ASN1_UTF8STRING, "Example\vTrust\fServices"},
         {NID_commonName, V_ASN1_UTF8STRING, "example ROOT ca 1"}},
    };
    std::vector<name_ptr> names;
    for (const auto& v : variants) {
        names.push_back(make_name(v));
    }
    for (const auto& a : names) {
        for (const auto& b : names) {
            BOOST_REQUIRE(X509_NAME_cmp(a.get(), b.get()) == 0); // the premise
            const auto ka = key_of(a.get());
            const auto kb = key_of(b.get());
            BOOST_REQUIRE(ka && kb);
            BOOST_TEST(*ka == *kb);
        }
    }
}

BOOST_AUTO_TEST_CASE(different_names_have_different_keys) {
    // Not required for correctness (equal keys go to X509_NAME_cmp), but a key that told no
    // names apart would save nothing.
    const auto a = make_name({{NID_commonName, V_ASN1_UTF8STRING, "Root CA 1"}});
    const auto b = make_name({{NID_commonName, V_ASN1_UTF8STRING, "Root CA 2"}});
    const auto c = make_name({{NID_organizationName, V_ASN1_UTF8STRING, "Root CA 1"}});
    const auto d = make_name(
        {{NID_commonName, V_ASN1_UTF8STRING, "Root"}, {NID_commonName, V_ASN1_UTF8STRING, "CA 1"}});
    const auto e = make_name({});
    const auto ka = key_of(a.get());
    BOOST_REQUIRE(ka.has_value());
    BOOST_REQUIRE(key_of(b.get()).has_value());
    BOOST_REQUIRE(key_of(c.get()).has_value());
    BOOST_REQUIRE(key_of(d.get()).has_value());
    BOOST_REQUIRE(key_of(e.get()).has_value());
    BOOST_TEST(*ka != *key_of(b.get()));
    BOOST_TEST(*ka != *key_of(c.get()));
    BOOST_TEST(*ka != *key_of(d.get()));
    BOOST_TEST(*ka != *key_of(e.get()));
    BOOST_TEST(*key_of(e.get()) == *key_of(make_name({}).get())); // two empty names
}

BOOST_AUTO_TEST_CASE(names_the_key_does_not_cover_have_none) {
    // An RDN of two attributes (OpenSSL sorts them), a BMPString, a UTF8String beyond ASCII.
    BOOST_TEST(!key_of(make_name({{NID_commonName, V_ASN1_UTF8STRING, "a"},
                                  {NID_organizationName, V_ASN1_UTF8STRING, "b", -1}})
                           .get()));
    const std::string bmp("\0R\0o\0o\0t", 8);
    BOOST_TEST(!key_of(make_name({{NID_commonName, V_ASN1_BMPSTRING, bmp}}).get()));
    BOOST_TEST(!key_of(make_name({{NID_commonName, V_ASN1_UTF8STRING, "R\xC3\xA9seau"}}).get()));
    // A VisibleString, which OpenSSL 3 refuses in a name (found by fuzz_ca_bundle).
    const unsigned char visible[] = {0x30, 0x0D, 0x31, 0x0B, 0x30, 0x09, 0x06, 0x03,
                                     0x55, 0x04, 0x06, 0x1A, 0x02, 'U',  'S'};
    BOOST_TEST(!http::name_key(visible, sizeof visible));
    // A length in the long form where the short one fits, which OpenSSL refuses (same).
    const unsigned char long_form[] = {0x30, 0x81, 0x00};
    BOOST_TEST(!http::name_key(long_form, sizeof long_form));
    // DER that does not parse, or has more after the name.
    const unsigned char cut[] = {0x30, 0x05, 0x31, 0x03};
    BOOST_TEST(!http::name_key(cut, sizeof cut));
    const unsigned char trailing[] = {0x30, 0x00, 0x00};
    BOOST_TEST(!http::name_key(trailing, sizeof trailing));
    // An object identifier with a subidentifier padded with 0x80 (OpenSSL refuses it).
    const unsigned char padded_oid[] = {0x30, 0x0B, 0x31, 0x09, 0x30, 0x07, 0x06,
                                        0x02, 0x80, 0x03, 0x0C, 0x01, 'a'};
    BOOST_TEST(!http::name_key(padded_oid, sizeof padded_oid));
    const unsigned char good_oid[] = {0x30, 0x0B, 0x31, 0x09, 0x30, 0x07, 0x06,
                                      0x02, 0x55, 0x03, 0x0C, 0x01, 'a'};
    BOOST_TEST(http::name_key(good_oid, sizeof good_oid).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
