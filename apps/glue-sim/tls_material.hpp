// glue-sim's TLS identity: a CA kept in the state directory (ca.pem + ca-key.pem, mode 0600,
// reused when present) and a fresh server certificate for 127.0.0.1 and localhost signed by it.
#pragma once

#include <string>

namespace glue_sim {

struct tls_material {
    std::string ca_pem_path;     // DIR/ca.pem: what clients trust
    std::string cert_chain_pem;  // server certificate, then the CA
    std::string private_key_pem; // the server key (memory only)
};

/// Creates or reuses the CA under `state_dir`; throws std::runtime_error naming the step.
tls_material make_tls_material(const std::string& state_dir);

} // namespace glue_sim
