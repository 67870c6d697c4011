// The CA bundle lookup that parses a certificate only when a verification asks for its subject
// (http/ca_file_lookup), alone and through make_tls_context. The CAs and server certificates are
// glue-sim's (tls_material: subject "glue-sim local CA", a new key in each state directory).
#include "http/ca_file_lookup.hpp"
#include "http/tls_context.hpp"
#include "temp_dir.hpp"
#include "tls_material.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
namespace http = glue_inventory::http;

/// A scratch folder for the bundles of a test.
struct temp_dir : glue_test::temp_dir {
    temp_dir() : glue_test::temp_dir("ca-lookup-") {}
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

fs::path write_text(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
    return p;
}

struct x509_free {
    void operator()(X509* c) const { X509_free(c); }
};
using x509_ptr = std::unique_ptr<X509, x509_free>;

x509_ptr first_certificate(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    x509_ptr cert(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    return cert;
}

std::string pem_block(const char* label, const unsigned char* der, long size) {
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio(bio, label, "", der, size);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    return text;
}

/// A glue-sim CA (its PEM) and the server certificate it signed.
struct authority {
    temp_dir dir;
    std::string ca_pem;
    std::string key_pem;
    x509_ptr server;
    authority() {
        const auto material = glue_sim::make_tls_material(dir.path.string());
        ca_pem = read_text(material.ca_pem_path);
        key_pem = read_text(dir.path / "ca-key.pem");
        server = first_certificate(material.cert_chain_pem);
    }
};

/// A self-signed certificate with another subject ("another CA").
std::string another_ca_pem() {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("another CA"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_set_pubkey(cert, key);
    X509_sign(cert, key, EVP_sha256());
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    std::string pem = pem_block("CERTIFICATE", der, size);
    OPENSSL_free(der);
    X509_free(cert);
    EVP_PKEY_free(key);
    return pem;
}

/// A CA named `ca_name`, and a certificate it signed that names its issuer `issuer_name` (the
/// same name, or another that OpenSSL may call equal).
struct named_authority {
    std::string ca_pem;
    x509_ptr server;
};

void add_attribute(X509_NAME* name, int nid, int type, const std::string& value) {
    X509_NAME_add_entry_by_NID(name, nid, type,
                               reinterpret_cast<const unsigned char*>(value.data()),
                               static_cast<int>(value.size()), -1, 0);
}

named_authority make_named_authority(const std::function<void(X509_NAME*)>& ca_name,
                                     const std::function<void(X509_NAME*)>& issuer_name) {
    const auto make = [](EVP_PKEY* key, EVP_PKEY* signer, long serial, X509_NAME* subject,
                         X509_NAME* issuer, bool is_ca) {
        X509* cert = X509_new();
        X509_set_version(cert, 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
        X509_gmtime_adj(X509_getm_notBefore(cert), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
        X509_set_subject_name(cert, subject);
        X509_set_issuer_name(cert, issuer);
        X509_set_pubkey(cert, key);
        if (is_ca) {
            X509_EXTENSION* ca =
                X509V3_EXT_conf_nid(nullptr, nullptr, NID_basic_constraints, "critical,CA:TRUE");
            X509_add_ext(cert, ca, -1);
            X509_EXTENSION_free(ca);
        }
        X509_sign(cert, signer, EVP_sha256());
        return x509_ptr(cert);
    };
    EVP_PKEY* ca_key = EVP_EC_gen("P-256");
    EVP_PKEY* server_key = EVP_EC_gen("P-256");
    X509_NAME* ca = X509_NAME_new();
    ca_name(ca);
    X509_NAME* issuer = X509_NAME_new();
    issuer_name(issuer);
    X509_NAME* server = X509_NAME_new();
    add_attribute(server, NID_commonName, MBSTRING_ASC, "server.example");
    const x509_ptr ca_cert = make(ca_key, ca_key, 1, ca, ca, true);
    named_authority out;
    out.server = make(server_key, ca_key, 2, server, issuer, false);
    unsigned char* der = nullptr;
    const int size = i2d_X509(ca_cert.get(), &der);
    out.ca_pem = pem_block("CERTIFICATE", der, size);
    OPENSSL_free(der);
    X509_NAME_free(ca);
    X509_NAME_free(issuer);
    X509_NAME_free(server);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(server_key);
    return out;
}

/// X509_V_OK when `cert` verifies against `store`, else OpenSSL's error.
int verify(X509_STORE* store, X509* cert) {
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, cert, nullptr);
    const int ok = X509_verify_cert(ctx);
    const int error = X509_STORE_CTX_get_error(ctx);
    X509_STORE_CTX_free(ctx);
    return ok == 1 ? X509_V_OK : error;
}

struct store_free {
    void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
using store_ptr = std::unique_ptr<X509_STORE, store_free>;

} // namespace

BOOST_AUTO_TEST_SUITE(ca_file_lookup)

BOOST_AUTO_TEST_CASE(a_certificate_verifies_and_only_its_issuer_is_parsed) {
    const authority a;
    const temp_dir d;
    const auto bundle = write_text(d.path / "bundle.pem", another_ca_pem() + another_ca_pem() +
                                                              a.ca_pem + another_ca_pem());
    const store_ptr store(X509_STORE_new());
    BOOST_REQUIRE(http::add_ca_file_lookup(store.get(), bundle.string()));
    const auto before = http::ca_file_certificates_parsed();
    BOOST_TEST(verify(store.get(), a.server.get()) == X509_V_OK);
    BOOST_TEST(http::ca_file_certificates_parsed() - before == 1u);
    // The issuer is in the store now: verifying again parses nothing.
    BOOST_TEST(verify(store.get(), a.server.get()) == X509_V_OK);
    BOOST_TEST(http::ca_file_certificates_parsed() - before == 1u);
}

BOOST_AUTO_TEST_CASE(a_bundle_without_the_issuer_does_not_verify) {
    const authority a;
    const authority b; // the same subject as a's CA, another key
    const temp_dir d;
    const auto bundle = write_text(d.path / "bundle.pem", another_ca_pem() + b.ca_pem);
    const store_ptr store(X509_STORE_new());
    BOOST_REQUIRE(http::add_ca_file_lookup(store.get(), bundle.string()));
    BOOST_TEST(verify(store.get(), a.server.get()) != X509_V_OK);
    BOOST_TEST(verify(store.get(), b.server.get()) == X509_V_OK);
}

BOOST_AUTO_TEST_CASE(of_two_cas_with_one_subject_each_certificate_finds_its_own) {
    const authority a;
    const authority b;
    const temp_dir d;
    const auto bundle = write_text(d.path / "bundle.pem", b.ca_pem + a.ca_pem);
    const store_ptr store(X509_STORE_new());
    BOOST_REQUIRE(http::add_ca_file_lookup(store.get(), bundle.string()));
    const auto before = http::ca_file_certificates_parsed();
    BOOST_TEST(verify(store.get(), a.server.get()) == X509_V_OK);
    BOOST_TEST(verify(store.get(), b.server.get()) == X509_V_OK);
    BOOST_TEST(http::ca_file_certificates_parsed() - before == 2u); // both at the first lookup
}

BOOST_AUTO_TEST_CASE(an_issuer_named_as_openssl_compares_names_is_found_as_openssl_finds_it) {
    // The lookup tells subjects apart by name_key before it asks X509_NAME_cmp: an issuer name
    // that differs from the CA's subject in case, white space and string type only is the CA's
    // for OpenSSL, and must be here too; one that differs in a letter is not.
    const auto ca_name = [](X509_NAME* n) {
        add_attribute(n, NID_countryName, V_ASN1_PRINTABLESTRING, "US");
        add_attribute(n, NID_organizationName, V_ASN1_PRINTABLESTRING, "Example Trust");
        add_attribute(n, NID_commonName, V_ASN1_PRINTABLESTRING, "Example Root CA 1");
    };
    const auto same_for_openssl = [](X509_NAME* n) {
        add_attribute(n, NID_countryName, V_ASN1_UTF8STRING, "us");
        add_attribute(n, NID_organizationName, V_ASN1_UTF8STRING, "  example\tTRUST ");
        add_attribute(n, NID_commonName, V_ASN1_IA5STRING, "EXAMPLE   root ca 1");
    };
    const auto another = [](X509_NAME* n) {
        add_attribute(n, NID_countryName, V_ASN1_PRINTABLESTRING, "US");
        add_attribute(n, NID_organizationName, V_ASN1_PRINTABLESTRING, "Example Trust");
        add_attribute(n, NID_commonName, V_ASN1_PRINTABLESTRING, "Example Root CA 2");
    };
    const auto equal = make_named_authority(ca_name, same_for_openssl);
    const auto differs = make_named_authority(ca_name, another);
    const temp_dir d;
    const auto bundle = write_text(d.path / "bundle.pem", another_ca_pem() + equal.ca_pem +
                                                              differs.ca_pem + another_ca_pem());
    const store_ptr openssl(X509_STORE_new());
    BOOST_REQUIRE(X509_STORE_load_file(openssl.get(), bundle.c_str()) == 1);
    const store_ptr ours(X509_STORE_new());
    BOOST_REQUIRE(http::add_ca_file_lookup(ours.get(), bundle.string()));
    BOOST_TEST(verify(openssl.get(), equal.server.get()) == X509_V_OK); // the premise
    BOOST_TEST(verify(ours.get(), equal.server.get()) == X509_V_OK);
    BOOST_TEST(verify(openssl.get(), differs.server.get()) ==
               X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    BOOST_TEST(verify(ours.get(), differs.server.get()) ==
               X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
}

BOOST_AUTO_TEST_CASE(anything_but_certificates_is_left_to_openssl) {
    const authority a;
    const temp_dir d;
    const store_ptr store(X509_STORE_new());
    // A key beside the certificate, a missing file, an empty one, a certificate cut short:
    // refused, and the store is left as it was.
    BOOST_TEST(!http::add_ca_file_lookup(
        store.get(), write_text(d.path / "key.pem", a.ca_pem + a.key_pem).string()));
    BOOST_TEST(!http::add_ca_file_lookup(store.get(), (d.path / "missing.pem").string()));
    BOOST_TEST(
        !http::add_ca_file_lookup(store.get(), write_text(d.path / "empty.pem", "").string()));
    const x509_ptr ca = first_certificate(a.ca_pem);
    unsigned char* der = nullptr;
    const int size = i2d_X509(ca.get(), &der);
    const std::string cut = pem_block("CERTIFICATE", der, size / 2);
    OPENSSL_free(der);
    BOOST_TEST(!http::add_ca_file_lookup(store.get(),
                                         write_text(d.path / "cut.pem", a.ca_pem + cut).string()));
    BOOST_TEST(verify(store.get(), a.server.get()) != X509_V_OK);
}

BOOST_AUTO_TEST_CASE(make_tls_context_trusts_the_bundle_it_is_given) {
    const authority a;
    const temp_dir d;
    boost::system::error_code ec;
    std::string what;
    const auto plain = http::make_tls_context(
        write_text(d.path / "bundle.pem", another_ca_pem() + a.ca_pem).string(), ec, what);
    BOOST_REQUIRE(plain);
    BOOST_TEST(verify(SSL_CTX_get_cert_store(plain->native_handle()), a.server.get()) == X509_V_OK);
    // With a key in it, OpenSSL loads the file as before (keys ignored).
    const auto with_key = http::make_tls_context(
        write_text(d.path / "with-key.pem", a.ca_pem + a.key_pem).string(), ec, what);
    BOOST_REQUIRE(with_key);
    BOOST_TEST(verify(SSL_CTX_get_cert_store(with_key->native_handle()), a.server.get()) ==
               X509_V_OK);
    // A missing file is an error that names it.
    const auto missing = http::make_tls_context((d.path / "missing.pem").string(), ec, what);
    BOOST_TEST(!missing);
    BOOST_TEST(what.find("missing.pem") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_system_store_is_read_from_ssl_cert_file_on_demand) {
    const authority a;
    const temp_dir d;
    const auto bundle = write_text(d.path / "bundle.pem", another_ca_pem() + a.ca_pem);
    const auto empty_dir = d.path / "no-certificates";
    fs::create_directory(empty_dir);
    ::setenv("SSL_CERT_FILE", bundle.c_str(), 1);
    ::setenv("SSL_CERT_DIR", empty_dir.c_str(), 1);
    boost::system::error_code ec;
    std::string what;
    const auto before = http::ca_file_certificates_parsed();
    const auto ctx = http::make_tls_context("", ec, what);
    ::unsetenv("SSL_CERT_FILE");
    ::unsetenv("SSL_CERT_DIR");
    BOOST_REQUIRE(ctx);
    BOOST_TEST(http::ca_file_certificates_parsed() - before == 0u); // nothing parsed at start
    BOOST_TEST(verify(SSL_CTX_get_cert_store(ctx->native_handle()), a.server.get()) == X509_V_OK);
    BOOST_TEST(http::ca_file_certificates_parsed() - before == 1u);
    const authority stranger;
    BOOST_TEST(verify(SSL_CTX_get_cert_store(ctx->native_handle()), stranger.server.get()) !=
               X509_V_OK);
}

BOOST_AUTO_TEST_SUITE_END()
