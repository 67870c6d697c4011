// The CA bundle's readers (http/pem_certificates, http/name_key), against OpenSSL's own.
// Properties:
// - read_pem_certificates: when it takes the text, OpenSSL's PEM_read_bio reads the same blocks
//   (same count, labels and bytes) and then finds no more ("no start line");
// - name_key of the input as a DER name: when it gives a key, OpenSSL decodes the name (a
//   subject with a key is decoded only when a lookup needs it, so it must decode);
// - two names (the input split at its first byte's position): when OpenSSL calls them equal
//   and both have keys, the keys are equal.
#include "fuzz_check.hpp"
#include "http/name_key.hpp"
#include "http/pem_certificates.hpp"

#include <cstring>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace {

void check_pem(const std::uint8_t* data, std::size_t size) {
    const auto ours = glue_inventory::http::read_pem_certificates(fuzz::as_text(data, size));
    if (!ours) {
        return; // left to OpenSSL's reader
    }
    BIO* bio = BIO_new_mem_buf(data, static_cast<int>(size));
    std::size_t read = 0;
    for (;;) {
        char* label = nullptr;
        char* header = nullptr;
        unsigned char* der = nullptr;
        long length = 0;
        if (PEM_read_bio(bio, &label, &header, &der, &length) != 1) {
            FUZZ_CHECK(ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_NO_START_LINE);
            ERR_clear_error();
            break;
        }
        FUZZ_CHECK(read < ours->size());
        const auto& block = (*ours)[read++];
        FUZZ_CHECK(header[0] == '\0');
        FUZZ_CHECK(block.trusted_form == (std::strcmp(label, "TRUSTED CERTIFICATE") == 0));
        FUZZ_CHECK(block.trusted_form || std::strcmp(label, "CERTIFICATE") == 0 ||
                   std::strcmp(label, "X509 CERTIFICATE") == 0);
        FUZZ_CHECK(block.der.size() == static_cast<std::size_t>(length));
        FUZZ_CHECK(std::memcmp(block.der.data(), der, block.der.size()) == 0);
        OPENSSL_free(label);
        OPENSSL_free(header);
        OPENSSL_free(der);
    }
    FUZZ_CHECK(read == ours->size());
    BIO_free(bio);
}

X509_NAME* decode(const std::uint8_t* data, std::size_t size) {
    const unsigned char* p = data;
    X509_NAME* name = d2i_X509_NAME(nullptr, &p, static_cast<long>(size));
    ERR_clear_error();
    return name;
}

void check_names(const std::uint8_t* data, std::size_t size) {
    const auto key = glue_inventory::http::name_key(data, size);
    X509_NAME* whole = decode(data, size);
    FUZZ_CHECK(!key || whole != nullptr);
    X509_NAME_free(whole);
    if (size < 2) {
        return;
    }
    const std::size_t split = 1 + data[0] % (size - 1);
    const auto key_a = glue_inventory::http::name_key(data + 1, split - 1);
    const auto key_b = glue_inventory::http::name_key(data + split, size - split);
    X509_NAME* a = decode(data + 1, split - 1);
    X509_NAME* b = decode(data + split, size - split);
    if (a != nullptr && b != nullptr && key_a && key_b && X509_NAME_cmp(a, b) == 0) {
        FUZZ_CHECK(*key_a == *key_b);
    }
    X509_NAME_free(a);
    X509_NAME_free(b);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    check_pem(data, size);
    check_names(data, size);
    return 0;
}
