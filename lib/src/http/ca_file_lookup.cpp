#include "http/ca_file_lookup.hpp"

#include "http/der_reader.hpp"
#include "http/name_key.hpp"
#include "http/pem_certificates.hpp"

#include <atomic>
#include <climits>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace glue_inventory::http {

namespace {

/// One certificate of the bundle: its DER as the PEM block held it, where its subject is in it
/// and the subject's name_key; the subject is decoded by OpenSSL at start only when it has no
/// key, else when a lookup's key matches it, and the whole certificate is parsed and added to
/// the store when a verification first asks for that subject.
struct bundle_entry {
    std::vector<unsigned char> der;
    bool trusted_form = false; // "TRUSTED CERTIFICATE": the DER of an X509 and its trust settings
    std::size_t subject_at = 0;
    std::size_t subject_size = 0;
    std::optional<std::string> subject_key; // nullopt: compared by OpenSSL alone
    std::unique_ptr<X509_NAME, decltype(&X509_NAME_free)> subject{nullptr, X509_NAME_free};
    bool subject_refused = false; // OpenSSL could not decode it: matches nothing
    bool added = false;
};

/// The lookup's data, one per store. Verifications of connections that share an SSL_CTX may run
/// on several threads at once (an embedder's io_context may have many), hence the mutex.
struct bundle_index {
    std::mutex mutex;
    std::vector<bundle_entry> entries;
};

/// Whole certificates parsed by every lookup of the process (ca_file_certificates_parsed).
std::atomic<std::size_t> certificates_parsed{0};

struct openssl_free {
    void operator()(void* p) const { OPENSSL_free(p); }
};

/// Where the subject of a DER certificate is in it (RFC 5280, 4.1: Certificate ::= SEQUENCE {
/// tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity,
/// subject, ... }, ... }), found without parsing the rest (the public key is the slow part).
/// False when the DER is malformed.
bool find_subject(const std::vector<unsigned char>& der, std::size_t& at, std::size_t& size) {
    constexpr unsigned char sequence = 0x30;
    constexpr unsigned char version_tag = 0xa0; // [0] EXPLICIT, constructed
    constexpr int fields_before_subject = 3;    // signature, issuer, validity
    const unsigned char* p = der.data();
    der_element certificate;
    der_element tbs;
    der_element field;
    if (!read_element(p, der.data() + der.size(), certificate) || certificate.tag != sequence) {
        return false;
    }
    p = certificate.content;
    if (!read_element(p, certificate.end, tbs) || tbs.tag != sequence) {
        return false;
    }
    p = tbs.content;
    if (!read_element(p, tbs.end, field)) { // the version, or else the serial number
        return false;
    }
    if (field.tag == version_tag && !read_element(p, tbs.end, field)) { // the serial number
        return false;
    }
    for (int i = 0; i < fields_before_subject; ++i) {
        if (!read_element(p, tbs.end, field)) {
            return false;
        }
    }
    if (!read_element(p, tbs.end, field) || field.tag != sequence) {
        return false;
    }
    at = static_cast<std::size_t>(field.begin - der.data());
    size = static_cast<std::size_t>(field.end - field.begin);
    return true;
}

/// The entry's subject decoded by OpenSSL (once); false when OpenSSL refuses it.
bool decode_subject(bundle_entry& e) {
    if (!e.subject && !e.subject_refused) {
        const unsigned char* p = e.der.data() + e.subject_at;
        e.subject.reset(d2i_X509_NAME(nullptr, &p, static_cast<long>(e.subject_size)));
        if (!e.subject) {
            ERR_clear_error();
            e.subject_refused = true;
        }
    }
    return static_cast<bool>(e.subject);
}

/// X509_LOOKUP's get_by_subject: parses and adds to the store every bundle certificate with
/// this subject not added yet, and answers with the store's object, as OpenSSL's hashed-directory
/// lookup does (X509_STORE_CTX_get1_issuer then picks the one that issued the certificate).
int get_by_subject(X509_LOOKUP* lookup, X509_LOOKUP_TYPE type, const X509_NAME* name,
                   X509_OBJECT* ret) {
    auto* index = static_cast<bundle_index*>(X509_LOOKUP_get_method_data(lookup));
    X509_STORE* store = X509_LOOKUP_get_store(lookup);
    if (type != X509_LU_X509 || index == nullptr || store == nullptr || name == nullptr) {
        return 0;
    }
    // The keys tell most entries apart without decoding them; OpenSSL decides among the rest.
    const unsigned char* name_der = nullptr;
    std::size_t name_size = 0;
    std::optional<std::string> key;
    if (X509_NAME_get0_der(name, &name_der, &name_size) == 1) {
        key = name_key(name_der, name_size);
    }
    const std::lock_guard lock(index->mutex);
    bool found = false;
    for (bundle_entry& e : index->entries) {
        if (key && e.subject_key && *key != *e.subject_key) {
            continue;
        }
        if (!decode_subject(e) || X509_NAME_cmp(e.subject.get(), name) != 0) {
            continue;
        }
        if (!e.added) {
            // Tried once: a block that does not parse is not trusted (OpenSSL's own loader would
            // have refused the whole file).
            e.added = true;
            ++certificates_parsed;
            const unsigned char* p = e.der.data();
            const auto size = static_cast<long>(e.der.size());
            X509* cert =
                e.trusted_form ? d2i_X509_AUX(nullptr, &p, size) : d2i_X509(nullptr, &p, size);
            if (cert == nullptr) {
                ERR_clear_error();
                continue;
            }
            const int stored = X509_STORE_add_cert(store, cert);
            X509_free(cert); // the store holds its own reference
            if (stored != 1) {
                ERR_clear_error();
                continue;
            }
        }
        found = true;
    }
    if (!found) {
        return 0;
    }
    int answered = 0;
    X509_STORE_lock(store);
    X509_OBJECT* object =
        X509_OBJECT_retrieve_by_subject(X509_STORE_get0_objects(store), X509_LU_X509, name);
    X509* cert = object != nullptr ? X509_OBJECT_get0_X509(object) : nullptr;
    if (cert != nullptr && X509_OBJECT_set1_X509(ret, cert) == 1) {
        // set1 took a reference, and X509_STORE_CTX_get_by_subject takes its own on return:
        // give set1's back, as OpenSSL's by_store lookup does.
        X509_free(cert);
        answered = 1;
    }
    X509_STORE_unlock(store);
    return answered;
}

void free_index(X509_LOOKUP* lookup) {
    delete static_cast<bundle_index*>(X509_LOOKUP_get_method_data(lookup));
    X509_LOOKUP_set_method_data(lookup, nullptr);
}

/// The lookup method, made once; stores keep pointers to it for their lifetime, so it lives as
/// long as the process.
X509_LOOKUP_METHOD* lookup_method() {
    static X509_LOOKUP_METHOD* const method = [] {
        X509_LOOKUP_METHOD* made = X509_LOOKUP_meth_new("glue_inventory: CA file, on demand");
        if (made != nullptr) {
            X509_LOOKUP_meth_set_get_by_subject(made, get_by_subject);
            X509_LOOKUP_meth_set_free(made, free_index);
        }
        return made;
    }();
    return method;
}

/// Appends the bundle entry of one certificate block; false when its subject does not parse.
bool add_entry(std::vector<unsigned char> der, bool trusted_form, std::vector<bundle_entry>& out) {
    bundle_entry e;
    e.der = std::move(der);
    e.trusted_form = trusted_form;
    if (!find_subject(e.der, e.subject_at, e.subject_size)) {
        return false;
    }
    e.subject_key = name_key(e.der.data() + e.subject_at, e.subject_size);
    // A subject with a key is decoded when a lookup's key matches it; one without is decoded
    // now, and a bundle whose subject OpenSSL refuses is left to OpenSSL's loader.
    if (!e.subject_key && !decode_subject(e)) {
        return false;
    }
    out.push_back(std::move(e));
    return true;
}

/// The certificates of `text` read with OpenSSL's PEM reader, for a bundle that
/// read_pem_certificates leaves to it; false when it holds anything but certificates.
bool read_with_openssl(const std::string& text, std::vector<bundle_entry>& out) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free);
    if (!bio) {
        ERR_clear_error();
        return false;
    }
    for (;;) {
        char* label = nullptr;
        char* header = nullptr;
        unsigned char* data = nullptr;
        long length = 0;
        if (PEM_read_bio(bio.get(), &label, &header, &data, &length) != 1) {
            // The end of the file reads as "no start line"; anything else is an error.
            const bool at_end = ERR_GET_REASON(ERR_peek_last_error()) == PEM_R_NO_START_LINE;
            ERR_clear_error();
            return at_end && !out.empty();
        }
        const std::unique_ptr<char, openssl_free> label_owner(label);
        const std::unique_ptr<char, openssl_free> header_owner(header);
        const std::unique_ptr<unsigned char, openssl_free> data_owner(data);
        const bool plain = std::strcmp(label, PEM_STRING_X509) == 0 ||
                           std::strcmp(label, PEM_STRING_X509_OLD) == 0;
        const bool trusted = std::strcmp(label, PEM_STRING_X509_TRUSTED) == 0;
        if ((!plain && !trusted) || header[0] != '\0' || length <= 0) {
            return false; // a CRL, a key, an encrypted block: OpenSSL's loader decides
        }
        if (!add_entry(std::vector<unsigned char>(data, data + length), trusted, out)) {
            return false;
        }
    }
}

/// The bundle's certificates (DER and subject), or false when it holds anything else.
bool read_bundle(const std::string& path, std::vector<bundle_entry>& out) {
    std::string text;
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return false;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf(); // nothing (an empty file, a directory) leaves `text` empty
        text = std::move(bytes).str();
    }
    if (text.size() > max_ca_bundle_bytes || text.size() > INT_MAX) {
        return false; // OpenSSL's loader reads it
    }
    // Bundles as PEM_write writes them (the system's are) are read here, at a tenth of OpenSSL's
    // reader's cost; anything else goes to that reader, as it always did.
    auto certificates = read_pem_certificates(text);
    if (!certificates) {
        return read_with_openssl(text, out);
    }
    for (pem_certificate& c : *certificates) {
        if (!add_entry(std::move(c.der), c.trusted_form, out)) {
            return false;
        }
    }
    return !out.empty();
}

} // namespace

bool add_ca_file_lookup(X509_STORE* store, const std::string& path) {
    X509_LOOKUP_METHOD* method = lookup_method();
    std::vector<bundle_entry> entries;
    if (store == nullptr || method == nullptr || !read_bundle(path, entries)) {
        return false;
    }
    X509_LOOKUP* lookup = X509_STORE_add_lookup(store, method); // the store's one, if any
    if (lookup == nullptr) {
        ERR_clear_error();
        return false;
    }
    auto* index = static_cast<bundle_index*>(X509_LOOKUP_get_method_data(lookup));
    if (index == nullptr) {
        index = new bundle_index; // owned by the lookup: free_index
        X509_LOOKUP_set_method_data(lookup, index);
    }
    const std::lock_guard lock(index->mutex);
    for (bundle_entry& e : entries) {
        index->entries.push_back(std::move(e));
    }
    return true;
}

std::size_t ca_file_certificates_parsed() {
    return certificates_parsed.load();
}

} // namespace glue_inventory::http
