// The PEM bundle reader of http/ca_file_lookup (http/pem_certificates): it must decode exactly
// what OpenSSL's PEM_read_bio decodes, or leave the text to it.
#include "http/pem_certificates.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <random>
#include <string>
#include <vector>

namespace {

namespace http = glue_inventory::http;

struct block {
    std::string label;
    std::vector<unsigned char> data;
};

/// The blocks OpenSSL's reader finds in `text`, or an empty list when it fails before the end.
std::vector<block> openssl_blocks(const std::string& text) {
    std::vector<block> out;
    BIO* bio = BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
    for (;;) {
        char* label = nullptr;
        char* header = nullptr;
        unsigned char* data = nullptr;
        long length = 0;
        if (PEM_read_bio(bio, &label, &header, &data, &length) != 1) {
            break;
        }
        out.push_back({label, std::vector<unsigned char>(data, data + length)});
        OPENSSL_free(label);
        OPENSSL_free(header);
        OPENSSL_free(data);
    }
    BIO_free(bio);
    return out;
}

/// `data` as PEM_write_bio writes it (64 characters a line).
std::string pem(const char* label, const std::vector<unsigned char>& data) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio(bio, label, "", data.data(), static_cast<long>(data.size()));
    char* text = nullptr;
    const long n = BIO_get_mem_data(bio, &text);
    std::string out(text, static_cast<std::size_t>(n));
    BIO_free(bio);
    return out;
}

std::vector<unsigned char> random_bytes(std::mt19937& rng, std::size_t n) {
    std::uniform_int_distribution<int> byte(0, 255);
    std::vector<unsigned char> out(n);
    for (auto& b : out) {
        b = static_cast<unsigned char>(byte(rng));
    }
    return out;
}

/// Checks that the reader takes `text` and finds what OpenSSL finds.
void same_as_openssl(const std::string& text) {
    const auto ours = http::read_pem_certificates(text);
    BOOST_REQUIRE(ours.has_value());
    const auto theirs = openssl_blocks(text);
    BOOST_REQUIRE_EQUAL(ours->size(), theirs.size());
    for (std::size_t i = 0; i < theirs.size(); ++i) {
        BOOST_TEST((*ours)[i].trusted_form == (theirs[i].label == "TRUSTED CERTIFICATE"));
        BOOST_TEST((*ours)[i].der == theirs[i].data, "block " << i << " differs");
    }
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos;
         at = s.find(from, at + to.size())) {
        s.replace(at, from.size(), to);
    }
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pem_certificates)

BOOST_AUTO_TEST_CASE(every_length_decodes_as_openssl_decodes_it) {
    // Lengths 1..300 cover each padding and blocks of one to five lines.
    std::mt19937 rng(15);
    std::string bundle;
    for (std::size_t n = 1; n <= 300; ++n) {
        const char* label = n % 3 == 0   ? "TRUSTED CERTIFICATE"
                            : n % 3 == 1 ? "CERTIFICATE"
                                         : "X509 CERTIFICATE";
        bundle += pem(label, random_bytes(rng, n));
    }
    same_as_openssl(bundle);
    BOOST_TEST(http::read_pem_certificates(bundle)->size() == 300u);
}

BOOST_AUTO_TEST_CASE(crlf_text_between_blocks_and_other_line_lengths_are_read) {
    std::mt19937 rng(16);
    const std::string a = pem("CERTIFICATE", random_bytes(rng, 700));
    const std::string b = pem("CERTIFICATE", random_bytes(rng, 1201));
    // As some bundles have them: a title and a rule before each block, CRLF line ends.
    same_as_openssl("# Issuer: CN=one\nOne Root CA\n===========\n" + a + "\n\nTwo\n" + b);
    same_as_openssl(replace_all(a + "between\r\n" + b, "\n", "\r\n"));
    // 76 characters a line (base64 groups across line ends), and the last line without LF.
    std::string wide = replace_all(a, "\n", "");
    const auto body_at = wide.find("-----", 5) + 5;
    const auto end_at = wide.find("-----END");
    std::string body = wide.substr(body_at, end_at - body_at);
    std::string relined;
    for (std::size_t i = 0; i < body.size(); i += 75) {
        relined += body.substr(i, 75) + "\n";
    }
    const std::string text =
        "-----BEGIN CERTIFICATE-----\n" + relined + "-----END CERTIFICATE-----";
    same_as_openssl(text);
    BOOST_TEST(http::read_pem_certificates(text)->size() == 1u);
    // No block at all: an empty list (the caller then leaves the file to OpenSSL).
    BOOST_TEST(http::read_pem_certificates("").value().empty());
    BOOST_TEST(http::read_pem_certificates("just text\n").value().empty());
}

BOOST_AUTO_TEST_CASE(anything_else_is_left_to_openssl) {
    std::mt19937 rng(17);
    const std::string a = pem("CERTIFICATE", random_bytes(rng, 300));
    const auto body_at = a.find('\n') + 1;
    const auto leave = [](const std::string& text) {
        return !http::read_pem_certificates(text).has_value();
    };
    BOOST_TEST(leave(a + pem("PRIVATE KEY", random_bytes(rng, 100)))); // another label
    BOOST_TEST(leave(a + pem("X509 CRL", random_bytes(rng, 100))));
    BOOST_TEST(leave(std::string(a).insert(body_at, "Proc-Type: 4,ENCRYPTED\n\n"))); // headers
    BOOST_TEST(leave(std::string(a).insert(body_at + 10, " ")));  // a blank inside base64
    BOOST_TEST(leave(std::string(a).insert(body_at + 10, "=="))); // padding in the middle
    BOOST_TEST(leave(std::string(a).insert(body_at + 64, "\n"))); // an empty line
    BOOST_TEST(leave(std::string(a).erase(body_at + 3, 1)));      // a group cut short
    BOOST_TEST(
        leave(replace_all(a, "-----END CERTIFICATE-----", "-----END X509 CERTIFICATE-----")));
    BOOST_TEST(leave(replace_all(a, "-----END CERTIFICATE-----\n", ""))); // no END line
    BOOST_TEST(
        leave(replace_all(a, "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE----- ")));
    BOOST_TEST(leave("\xEF\xBB\xBF" + a)); // a byte order mark, which OpenSSL drops
    BOOST_TEST(leave("text -----BEGIN CERTIFICATE-----\n" + a));
    BOOST_TEST(leave(std::string(300, 'x') + "\n" + a)); // a line OpenSSL reads in pieces
    BOOST_TEST(leave(a + std::string(1, '\0')));
    BOOST_TEST(leave("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")); // empty
    // The same texts with the defects undone are read.
    BOOST_TEST(!leave(a + "text after\n"));
}

BOOST_AUTO_TEST_SUITE_END()
