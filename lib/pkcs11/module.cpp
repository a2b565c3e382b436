// Loading a PKCS#11 library and initialising it for use by several threads.
#include "pkcs11/module.h"

#include <dlfcn.h>

#include <filesystem>

#include "pkcs11/rv.h"

namespace kr::pkcs11 {

std::string resolve_module_path(const std::string& name_or_path) {
  if (name_or_path == "softhsm2") return "/usr/lib/softhsm/libsofthsm2.so";
  if (name_or_path == "nss-softokn") return "/usr/lib/x86_64-linux-gnu/libsoftokn3.so";
  return name_or_path;
}

std::shared_ptr<Module> Module::load(const ModuleSpec& spec) {
  std::shared_ptr<Module> module(new Module());
  module->path_ = resolve_module_path(spec.name_or_path);
  module->init_params_ = spec.init_params;
  if (!std::filesystem::exists(module->path_))
    throw Error("PKCS#11 module " + module->path_ + " does not exist",
                spec.name_or_path == "softhsm2" ? "install the softhsm2 package" : "");
  // RTLD_NODELETE: pkcs11-helper may dlopen the same library; its dlclose must not unload ours.
  module->handle_ = ::dlopen(module->path_.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!module->handle_)
    throw Error("cannot load PKCS#11 module " + module->path_ + ": " + ::dlerror());
  auto get_list =
      reinterpret_cast<CK_C_GetFunctionList>(::dlsym(module->handle_, "C_GetFunctionList"));
  if (!get_list) throw Error(module->path_ + " is not a PKCS#11 module (no C_GetFunctionList)");
  check_rv(get_list(&module->fn_), "C_GetFunctionList");

  CK_C_INITIALIZE_ARGS args{};
  args.flags = CKF_OS_LOCKING_OK;
  args.pReserved = spec.init_params.empty() ? nullptr : const_cast<char*>(spec.init_params.c_str());
  CK_RV rv = module->fn_->C_Initialize(&args);
  if (rv == CKR_OK) {
    module->finalize_ = true;
  } else if (rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    throw Pkcs11Error("C_Initialize of " + module->path_, rv);
  }
  return module;
}

bool Module::reports_cka_local() const {
  return std::filesystem::path(path_).filename() != "libsoftokn3.so";
}

Module::~Module() {
  if (fn_ && finalize_) fn_->C_Finalize(nullptr);
  if (handle_) ::dlclose(handle_);
}

}  // namespace kr::pkcs11
