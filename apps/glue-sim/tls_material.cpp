#include "tls_material.hpp"

#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace glue_sim {

namespace {

constexpr long ca_validity_days = 3650;
constexpr long server_validity_days = 30;
constexpr long seconds_per_day = 86400;

struct evp_pkey_free {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct x509_free {
    void operator()(X509* p) const { X509_free(p); }
};
struct bio_free {
    void operator()(BIO* p) const { BIO_free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, evp_pkey_free>;
using x509_ptr = std::unique_ptr<X509, x509_free>;
using bio_ptr = std::unique_ptr<BIO, bio_free>;

void check(bool ok, const char* step) {
    if (!ok) {
        throw std::runtime_error(std::string("TLS setup failed: ") + step);
    }
}

pkey_ptr new_key() {
    pkey_ptr key(EVP_EC_gen("P-256"));
    check(key != nullptr, "generating a P-256 key");
    return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    check(ext != nullptr, "building a certificate extension");
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

x509_ptr new_certificate(EVP_PKEY* key, const char* common_name, long days) {
    x509_ptr cert(X509_new());
    check(cert != nullptr, "X509_new");
    X509_set_version(cert.get(), 2);
    BIGNUM* serial = BN_new();
    BN_rand(serial, 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
    BN_free(serial);
    // A little in the past, so that clocks a few seconds apart agree it is valid.
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * seconds_per_day);
    X509_set_pubkey(cert.get(), key);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("glue-sim"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
    return cert;
}

std::string pem_of_cert(X509* cert) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_X509(bio.get(), cert) == 1, "writing a certificate");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(n)};
}

std::string pem_of_key(EVP_PKEY* key) {
    bio_ptr bio(BIO_new(BIO_s_mem()));
    check(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "writing a private key");
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return {data, static_cast<std::size_t>(n)};
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Written to a temporary file with `mode` from the start, then renamed: never readable by
// others, never seen half-written.
void write_file(const std::filesystem::path& p, const std::string& text, mode_t mode) {
    const std::string tmp = p.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, mode);
    check(fd >= 0, "creating a file in the state directory");
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    check(ok, "writing a file in the state directory");
    std::filesystem::rename(tmp, p);
}

} // namespace

tls_material make_tls_material(const std::string& state_dir) {
    const std::filesystem::path dir(state_dir);
    const auto ca_path = dir / "ca.pem";
    const auto ca_key_path = dir / "ca-key.pem";
    pkey_ptr ca_key;
    x509_ptr ca_cert;
    if (std::filesystem::exists(ca_path) && std::filesystem::exists(ca_key_path)) {
        const std::string cert_text = read_file(ca_path);
        const std::string key_text = read_file(ca_key_path);
        bio_ptr cb(BIO_new_mem_buf(cert_text.data(), static_cast<int>(cert_text.size())));
        bio_ptr kb(BIO_new_mem_buf(key_text.data(), static_cast<int>(key_text.size())));
        ca_cert.reset(PEM_read_bio_X509(cb.get(), nullptr, nullptr, nullptr));
        ca_key.reset(PEM_read_bio_PrivateKey(kb.get(), nullptr, nullptr, nullptr));
        check(ca_cert != nullptr && ca_key != nullptr, "reading ca.pem and ca-key.pem");
    } else {
        ca_key = new_key();
        ca_cert = new_certificate(ca_key.get(), "glue-sim local CA", ca_validity_days);
        X509_set_issuer_name(ca_cert.get(), X509_get_subject_name(ca_cert.get()));
        add_extension(ca_cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:TRUE");
        add_extension(ca_cert.get(), ca_cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
        add_extension(ca_cert.get(), ca_cert.get(), NID_subject_key_identifier, "hash");
        check(X509_sign(ca_cert.get(), ca_key.get(), EVP_sha256()) > 0, "signing the CA");
        write_file(ca_key_path, pem_of_key(ca_key.get()), 0600);
        write_file(ca_path, pem_of_cert(ca_cert.get()), 0644);
    }

    pkey_ptr key = new_key();
    x509_ptr cert = new_certificate(key.get(), "127.0.0.1", server_validity_days);
    X509_set_issuer_name(cert.get(), X509_get_subject_name(ca_cert.get()));
    add_extension(cert.get(), ca_cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), ca_cert.get(), NID_key_usage, "critical,digitalSignature");
    add_extension(cert.get(), ca_cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), ca_cert.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
    add_extension(cert.get(), ca_cert.get(), NID_subject_key_identifier, "hash");
    add_extension(cert.get(), ca_cert.get(), NID_authority_key_identifier, "keyid:always");
    check(X509_sign(cert.get(), ca_key.get(), EVP_sha256()) > 0, "signing the server certificate");

    tls_material out;
    out.ca_pem_path = std::filesystem::absolute(ca_path).string();
    out.cert_chain_pem = pem_of_cert(cert.get()) + pem_of_cert(ca_cert.get());
    out.private_key_pem = pem_of_key(key.get());
    return out;
}

} // namespace glue_sim
