// kr-token init --quorum, as a library call.
#include "token_setup/token_setup.h"

#include "ossl/der.h"
#include "pkcs11/audit_key.h"
#include "pkcs11/session.h"
#include "quorum/derive.h"
#include "util/error.h"

namespace kr::token_setup {

std::filesystem::path audit_key_pem_path(const std::filesystem::path& descriptor) {
  return descriptor.string() + ".audit-key.pem";
}

std::vector<std::filesystem::path> planned_outputs(const std::vector<std::string>& share_paths,
                                                   const std::filesystem::path& descriptor) {
  std::vector<std::filesystem::path> out(share_paths.begin(), share_paths.end());
  out.push_back(descriptor);
  out.push_back(audit_key_pem_path(descriptor));
  return out;
}

std::shared_ptr<pkcs11::Module> check_token_free(const pkcs11::ModuleSpec& spec,
                                                 const std::string& label) {
  pkcs11::padded_label(label);  // throws for a label longer than 32 bytes
  auto module = pkcs11::Module::load(spec);
  for (const auto& t : pkcs11::list_tokens(*module))
    if (t.initialized() && t.label == label)
      throw Error("a token labelled \"" + label + "\" already exists on " + module->path(),
                  "keyrite never re-initialises a token; choose another label");
  pkcs11::find_uninitialized_slot(*module);  // throws when every slot holds a token
  return module;
}

QuorumTokenResult init_token_under_quorum(const QuorumTokenPlan& plan) {
  std::vector<std::string> names, paths;
  for (const auto& c : plan.custodians) {
    names.push_back(c.name);
    paths.push_back(c.share_file.string());
    if (auto problem = quorum::passphrase_problem(c.passphrase))
      throw UsageError("custodian " + c.name + ": " + *problem);
  }
  quorum::check_share_set_plan(plan.threshold, names, planned_outputs(paths, plan.descriptor),
                               plan.kdf);
  auto module = check_token_free(plan.module, plan.label);
  auto slot = pkcs11::find_uninitialized_slot(*module);

  Secret secret(32, Secret::Fill::random);
  auto so_pin = quorum::derive_so_pin(secret);
  auto user_pin = quorum::derive_user_pin(secret);

  QuorumTokenResult result;
  result.token = pkcs11::init_token(module, slot.slot, plan.label, so_pin, user_pin);
  try {
    std::string pem;
    {
      pkcs11::Session session(module, result.token.slot, pkcs11::Access::read_write);
      pkcs11::Login login(session, pkcs11::UserType::user, user_pin);
      auto audit = pkcs11::create_audit_key(session);
      pem = ossl::public_key_pem(audit.public_key.get());
      result.audit_key_spki_sha256 = ossl::spki_sha256_hex(audit.public_key.get());
    }  // logged out here, before any file is written

    quorum::ShareSetSpec spec;
    spec.purpose = quorum::Purpose::activation;
    spec.token_label = result.token.label;
    spec.token_serial = result.token.serial;
    spec.threshold = plan.threshold;
    spec.kdf = plan.kdf;
    for (const auto& c : plan.custodians)
      spec.custodians.push_back({c.name, c.share_file, c.passphrase.clone()});
    auto pending = quorum::prepare_share_set(secret, spec, plan.descriptor);
    result.audit_key_pem = audit_key_pem_path(plan.descriptor);
    AtomicFile pem_file(result.audit_key_pem, 0644);
    pem_file.write(pem);
    pem_file.commit();
    try {
      pending.commit();
    } catch (...) {
      std::error_code ignored;
      std::filesystem::remove(result.audit_key_pem, ignored);
      throw;
    }
    result.descriptor = pending.descriptor();
  } catch (const Error& e) {
    throw Error(std::string(e.what()) + "\ntoken \"" + plan.label +
                    "\" was initialised, but its PINs are now known to no one",
                "delete that token (softhsm2-util --delete-token --token \"" + plan.label +
                    "\" for SoftHSM) and run kr-token init again");
  }
  return result;
}

}  // namespace kr::token_setup
