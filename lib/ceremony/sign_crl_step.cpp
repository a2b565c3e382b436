// sign-crl: a v2 CRL per CPS 7.2 with a CRL number that never repeats and always increases.
#include "ceremony/crl_state.h"
#include "ceremony/executor.h"
#include "ceremony/issuer.h"
#include "ceremony/key_reference.h"
#include "ceremony/output_file.h"
#include "ceremony/signing_pipeline.h"
#include "crosscheck/verify_artifacts.h"
#include "lint/lint_crl.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "profile/crl_profile.h"
#include "profile/crl_profile_check.h"
#include "provider/signing_context.h"
#include "x509/crl_builder.h"
#include "x509/crl_io.h"
#include "x509/name.h"

namespace kr::ceremony {
namespace {

const script::SignCrl& body(const script::Step& step) {
  return std::get<script::SignCrl>(step.body);
}

std::vector<x509::CrlEntry> entries_for(const script::SignCrl& s) {
  std::vector<x509::CrlEntry> out;
  for (const auto& r : s.revoked) {
    x509::CrlEntry e;
    if (r.certificate) {
      auto cert = ossl::read_certificate(read_input(*r.certificate), r.certificate->path);
      const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
      e.serial.assign(serial->data, serial->data + serial->length);
    } else {
      auto hex = r.serial.size() % 2 ? "0" + r.serial : r.serial;
      e.serial = *from_hex(hex);  // the parser checked the digits
    }
    e.revocation_date = r.revocation_date;
    if (r.reason) e.reason = static_cast<x509::CrlReason>(static_cast<int>(*r.reason));
    e.invalidity_date = r.invalidity_date;
    out.push_back(std::move(e));
  }
  return out;
}

// The previous CRL's number, accepted only from a CRL the issuer really signed.
std::optional<Bytes> previous_number(const script::SignCrl& s, const pkcs11::KeyPair& issuer_key) {
  if (!s.previous_crl) return std::nullopt;
  auto crl = x509::read_crl(read_input(*s.previous_crl), s.previous_crl->path);
  if (X509_CRL_verify(crl.get(), issuer_key.public_key.get()) != 1)
    throw Error("previous CRL \"" + s.previous_crl->path + "\" is not signed by key \"" +
                issuer_key.label + "\"; it is no evidence of this issuer's CRL numbers");
  auto number = x509::crl_number(crl.get());
  if (!number) throw Error("previous CRL \"" + s.previous_crl->path + "\" has no CRL number");
  return number;
}

// Reservations a killed process left open: skipped for good, in the state file and the
// transcript, before the next number is chosen.
void skip_open_reservations(Context& ctx, const script::Step& step, const std::string& issuer_fp,
                            const std::string& issuer_name) {
  const auto& s = body(step);
  for (const auto& open : open_reservations(s.state.resolved, issuer_fp)) {
    skip_crl_number(s.state.resolved,
                    {issuer_fp, issuer_name, open.crl_number, format_utc(s.this_update),
                     open.tbs_sha256, ctx.script.ceremony_id, step.id});
    auto e = ctx.event(transcript::EventType::crl_number_skipped, &step);
    e.target = "crl-number:" + to_hex(open.crl_number);
    e.cause = "reserved by ceremony " + open.ceremony + " step " + open.step + " at " +
              open.recorded + " and never issued (the process stopped before recording its CRL)";
    e.details["issuer"] = issuer_name;
    e.details["crl_number"] = to_hex(open.crl_number);
    e.details["reserved_tbs_sha256"] = open.tbs_sha256;
    e.details["state"] = s.state.path;
    ctx.log->append(e);
    ctx.out << "CRL number " << to_hex(open.crl_number) << " of " << issuer_name
            << " was reserved but never issued: skipped for good\n";
  }
}

void check_offline(const script::Script&, const script::Step& step, const RunOptions& options,
                   std::vector<Finding>& findings) {
  try {
    profile::load_crl_profile(options.profiles_dir, body(step).profile);
  } catch (const Error& e) {
    findings.push_back({step.position_of("profile"), e.what()});
  }
  // The number is reserved in the state file before signing: a file that cannot be appended to
  // must stop the ceremony here, before anything is signed.
  const auto& state = body(step).state;
  if (auto problem = crl_state_write_problem(state.resolved); !problem.empty())
    findings.push_back(
        {state.position, "the CRL state file " + state.path + " cannot be written: " + problem});
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_signing_key_available(ctx, step, body(step).issuer.key, "issuer.key", findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& s = body(step);
  auto profile = profile::load_crl_profile(ctx.options.profiles_dir, s.profile);
  auto issuer = load_issuer(ctx, s.issuer);
  auto issuer_fp = ossl::spki_sha256_hex(issuer.key->public_key.get());

  x509::CrlTemplate tmpl;
  tmpl.issuer = issuer.certificate.get();
  tmpl.this_update = s.this_update;
  tmpl.next_update = s.next_update;
  tmpl.entries = entries_for(s);
  auto issuer_name = x509::name_text(X509_get_subject_name(issuer.certificate.get()));
  skip_open_reservations(ctx, step, issuer_fp, issuer_name);
  tmpl.crl_number = next_crl_number(last_crl_number(s.state.resolved, issuer_fp),
                                    previous_number(s, *issuer.key));
  auto algorithm =
      profile::default_crl_signature_algorithm(profile, issuer.key->public_key.get()).value_or("");
  std::vector<Finding> findings;
  for (const auto& v : profile::check_crl_request(profile, tmpl, algorithm))
    findings.push_back({position_for(step, v.field), v.message});
  if (!findings.empty()) throw CheckFailed(std::move(findings));

  ArtifactKind<ossl::X509CrlPtr> kind;
  kind.what = "CRL";
  kind.output = s.output;
  kind.profile_name = profile.name;
  kind.build_signed = [&](EVP_PKEY* key, const std::string& alg) {
    auto crl = x509::build_crl(tmpl);
    auto md_ctx = provider::make_signing_context(key, alg);
    if (X509_CRL_sign_ctx(crl.get(), md_ctx.get()) <= 0) ossl::throw_error("signing the CRL");
    return crl;
  };
  kind.tbs = [](const ossl::X509CrlPtr& c) { return x509::crl_tbs_der(c.get()); };
  kind.der = [](const ossl::X509CrlPtr& c) { return x509::crl_der(c.get()); };
  kind.lint = [&](const ossl::X509CrlPtr& c) {
    return lint::lint_crl(c.get(), profile, issuer.certificate.get());
  };
  kind.verify_openssl = [](const ossl::X509CrlPtr& c, EVP_PKEY* pub) {
    return X509_CRL_verify(c.get(), pub) == 1;
  };
  kind.verify_botan = [](const Bytes& der, const Bytes& spki) {
    return crosscheck::verify_crl_signature(der, spki);
  };
  CrlRecord record{issuer_fp,
                   issuer_name,
                   tmpl.crl_number,
                   format_utc(s.this_update),
                   {},
                   ctx.script.ceremony_id,
                   step.id};
  // The number is taken (fsynced) before the token signs, so it is never issued twice whatever
  // happens next; a failure in this live process before any CRL is written gives it back.
  kind.before_signing = [&](const std::string& tbs_sha256) -> std::function<std::string()> {
    CrlRecord reserved = record;
    reserved.crl_sha256 = tbs_sha256;
    reserve_crl_number(s.state.resolved, reserved);
    const auto state = s.state.resolved;
    return [state, reserved, &ctx, output = s.output]() -> std::string {
      if (std::filesystem::exists(ctx.output_path(output)))
        return "CRL number " + to_hex(reserved.crl_number) + " stays taken: a CRL file exists";
      release_crl_number(state, reserved);
      return "CRL number " + to_hex(reserved.crl_number) + " released in " + state.string() +
             ": no CRL with it was written";
    };
  };
  auto signed_crl = sign_artifact(ctx, step, kind, *issuer.key, algorithm);

  Bytes data = signed_crl.der;
  if (s.format == script::OutputFormat::pem) {
    auto pem = x509::crl_pem(signed_crl.object.get());
    data.assign(pem.begin(), pem.end());
  }
  auto written = write_output(ctx, s.output, data);
  record.crl_sha256 = ossl::sha256_hex(signed_crl.der);
  record_crl_number(s.state.resolved, record);

  auto e = ctx.event(transcript::EventType::crl_signed, &step);
  e.target = "file:" + s.output;
  e.inputs.push_back({"key:" + s.issuer.key + " (SubjectPublicKeyInfo)", issuer_fp});
  e.inputs.push_back({s.issuer.certificate.path, ossl::sha256_hex(issuer.certificate_der)});
  e.outputs.push_back(written);
  e.outputs.push_back(
      {s.state.path + std::string(kCrlStateOutputSuffix), ossl::sha256_file_hex(s.state.resolved)});
  e.details["issuer"] = issuer_name;
  e.details["crl_number"] = to_hex(tmpl.crl_number);
  e.details["this_update"] = format_utc(s.this_update);
  e.details["next_update"] = format_utc(s.next_update);
  e.details["revoked"] = tmpl.entries.size();
  e.details["signature_algorithm"] = algorithm;
  e.details["crl_sha256"] = ossl::sha256_hex(signed_crl.der);
  e.details["tbs_sha256"] = signed_crl.tbs_sha256;
  e.details["verified_by"] = {"openssl", "botan"};
  ctx.log->append(e);
  ctx.out << "CRL " << s.output << ": issuer " << issuer_name << "\n  CRL number "
          << to_hex(tmpl.crl_number) << ", " << tmpl.entries.size() << " revoked, next update "
          << format_utc(s.next_update) << "\n";
}

}  // namespace

const StepHandler kSignCrl{"sign-crl", check_offline, check_on_token, run};

}  // namespace kr::ceremony
