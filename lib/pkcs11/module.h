// A loaded PKCS#11 module: dlopen, C_GetFunctionList, C_Initialize, and C_Finalize on destruction.
#pragma once

#include <memory>
#include <string>

#include "pkcs11/cryptoki.h"

namespace kr::pkcs11 {

// Where a module comes from. `name_or_path` is a path, or one of the short names "softhsm2" and
// "nss-softokn" that resolve to Debian's paths. `init_params` is passed as
// CK_C_INITIALIZE_ARGS.pReserved (NSS softokn needs "configdir='sql:DIR' ..."); empty for others.
struct ModuleSpec {
  std::string name_or_path;
  std::string init_params;
};

// Resolves short names to Debian's library paths; returns other input unchanged.
std::string resolve_module_path(const std::string& name_or_path);

class Module {
 public:
  // Loads and initialises; throws kr::Error naming the path or the failing call.
  static std::shared_ptr<Module> load(const ModuleSpec& spec);

  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  ~Module();

  CK_FUNCTION_LIST_PTR fn() const { return fn_; }
  const std::string& path() const { return path_; }
  const std::string& init_params() const { return init_params_; }
  // False for NSS softokn, which does not keep CKA_LOCAL on keys it stores (checked in tests).
  bool reports_cka_local() const;

 private:
  Module() = default;
  void* handle_ = nullptr;
  CK_FUNCTION_LIST_PTR fn_ = nullptr;
  std::string path_;
  std::string init_params_;
  bool finalize_ = false;
};

}  // namespace kr::pkcs11
