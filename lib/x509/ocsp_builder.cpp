// Filling a BasicOCSPResponse from the template and signing its ResponseData (see the header for
// why this does not go through OCSP_basic_sign_ctx).
#include "x509/ocsp_builder.h"

#include <openssl/asn1t.h>

#include <cstring>

#include "ossl/der.h"
#include "ossl/error.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::x509 {
namespace {

using CertIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Deleter<OCSP_CERTID_free>>;

// The responderID inside the ResponseData. OpenSSL has no setter for it besides
// OCSP_basic_sign_ctx, so it is found through OpenSSL's own ASN.1 template of OCSP_RESPDATA (the
// public description asn1t.h exposes) rather than through a copy of the private struct layout.
OCSP_RESPID* responder_id_field(OCSP_BASICRESP* bs) {
  auto* data =
      reinterpret_cast<unsigned char*>(const_cast<OCSP_RESPDATA*>(OCSP_resp_get0_respdata(bs)));
  const ASN1_ITEM* it = ASN1_ITEM_rptr(OCSP_RESPDATA);
  for (long i = 0; data && i < it->tcount; ++i) {
    const ASN1_TEMPLATE& tt = it->templates[i];
    if (tt.item() != ASN1_ITEM_rptr(OCSP_RESPID)) continue;
    if (tt.flags & ASN1_TFLG_EMBED) return reinterpret_cast<OCSP_RESPID*>(data + tt.offset);
    return *reinterpret_cast<OCSP_RESPID**>(data + tt.offset);
  }
  throw Error("this OpenSSL's OCSP_RESPDATA has no responderID field");
}

void check_issued_by(const X509* cert, const X509* issuer, const std::string& what) {
  if (X509_check_issued(const_cast<X509*>(issuer), const_cast<X509*>(cert)) != X509_V_OK) {
    ossl::drain_errors();
    throw Error(what + " (" + name_text(X509_get_subject_name(cert)) + ") was not issued by " +
                name_text(X509_get_subject_name(issuer)));
  }
}

CertIdPtr make_cert_id(const OcspTemplate& t) {
  const EVP_MD* md = t.cert_id_hash == CertIdHash::sha1 ? EVP_sha1() : EVP_sha256();
  CertIdPtr id;
  if (t.certificate) {
    check_issued_by(t.certificate, t.issuer, "the certificate");
    id.reset(OCSP_cert_to_id(md, t.certificate, t.issuer));
  } else {
    if (t.serial.empty()) throw Error("the OCSP template names neither a certificate nor a serial");
    auto serial = serial_to_asn1(t.serial);
    const ASN1_BIT_STRING* issuer_key = X509_get0_pubkey_bitstr(t.issuer);
    if (!issuer_key) throw Error("the issuer certificate has no public key");
    id.reset(OCSP_cert_id_new(md, X509_get_subject_name(t.issuer), issuer_key, serial.get()));
  }
  if (!id) ossl::throw_error("making the CertID");
  return id;
}

int reason_code(const OcspTemplate& t) {
  if (t.status != OcspStatus::revoked || !t.reason || *t.reason == CrlReason::unspecified)
    return OCSP_REVOKED_STATUS_NOSTATUS;  // no revocationReason
  if (*t.reason == CrlReason::certificate_hold || *t.reason == CrlReason::remove_from_crl)
    throw Error("reason " + std::string(crl_reason_name(*t.reason)) +
                " is refused: keyrite does not suspend certificates (CPS 4.9.13)");
  return static_cast<int>(*t.reason);
}

}  // namespace

ossl::OcspResponsePtr build_and_sign_ocsp(const OcspTemplate& t, EVP_MD_CTX* signing_ctx) {
  if (!t.issuer) throw Error("the OCSP template names no issuer certificate");
  if (!signing_ctx) throw Error("no signing context for the OCSP response");
  if (t.next_update <= t.this_update)
    throw Error("next-update " + format_utc(t.next_update) + " is not later than this-update " +
                format_utc(t.this_update));
  const X509* signer = t.signer ? t.signer : t.issuer;
  if (t.signer) check_issued_by(t.signer, t.issuer, "the OCSP signer");
  int reason = reason_code(t);
  auto cert_id = make_cert_id(t);

  ossl::OcspBasicRespPtr bs(OCSP_BASICRESP_new());
  if (!bs) ossl::throw_error("OCSP_BASICRESP_new");
  auto this_update = to_asn1_time(t.this_update);
  auto next_update = to_asn1_time(t.next_update);
  auto revoked_at = to_asn1_time(t.revocation_time);
  bool revoked = t.status == OcspStatus::revoked;
  // OCSP_basic_add1_status copies the CertID and converts every time to GeneralizedTime.
  if (!OCSP_basic_add1_status(
          bs.get(), cert_id.get(), revoked ? V_OCSP_CERTSTATUS_REVOKED : V_OCSP_CERTSTATUS_GOOD,
          reason, revoked ? revoked_at.get() : nullptr, this_update.get(), next_update.get()))
    ossl::throw_error("OCSP_basic_add1_status");

  if (OCSP_RESPID_set_by_key(responder_id_field(bs.get()), const_cast<X509*>(signer)) != 1)
    ossl::throw_error("OCSP_RESPID_set_by_key");
  auto* produced = const_cast<ASN1_GENERALIZEDTIME*>(OCSP_resp_get0_produced_at(bs.get()));
  if (!produced || !ASN1_GENERALIZEDTIME_set(
                       produced, static_cast<time_t>(t.produced_at.time_since_epoch().count())))
    ossl::throw_error("producedAt " + format_utc(t.produced_at));
  if (t.signer && OCSP_basic_add1_cert(bs.get(), const_cast<X509*>(t.signer)) != 1)
    ossl::throw_error("OCSP_basic_add1_cert");

  // The signature fields live inside the BASICRESP; the accessors hand them out const.
  if (ASN1_item_sign_ctx(ASN1_ITEM_rptr(OCSP_RESPDATA),
                         const_cast<X509_ALGOR*>(OCSP_resp_get0_tbs_sigalg(bs.get())), nullptr,
                         const_cast<ASN1_OCTET_STRING*>(OCSP_resp_get0_signature(bs.get())),
                         OCSP_resp_get0_respdata(bs.get()), signing_ctx) <= 0)
    ossl::throw_error("signing the OCSP response");

  ossl::OcspResponsePtr response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, bs.get()));
  if (!response) ossl::throw_error("OCSP_response_create");
  return response;
}

Bytes ocsp_tbs_der(const OCSP_BASICRESP* basic) {
  const OCSP_RESPDATA* data = basic ? OCSP_resp_get0_respdata(basic) : nullptr;
  int len = data ? i2d_OCSP_RESPDATA(data, nullptr) : 0;
  if (len <= 0) ossl::throw_error("encoding the OCSP ResponseData");
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d_OCSP_RESPDATA(data, &p) != len) ossl::throw_error("encoding the OCSP ResponseData");
  return out;
}

ossl::OcspBasicRespPtr ocsp_basic(const OCSP_RESPONSE* response) {
  ossl::OcspBasicRespPtr out;
  if (response &&
      OCSP_response_status(const_cast<OCSP_RESPONSE*>(response)) == OCSP_RESPONSE_STATUS_SUCCESSFUL)
    out.reset(OCSP_response_get1_basic(const_cast<OCSP_RESPONSE*>(response)));
  ossl::drain_errors();
  return out;
}

ossl::OcspResponsePtr read_ocsp_response(ByteView der, const std::string& what) {
  const unsigned char* p = der.data();
  ossl::OcspResponsePtr out(d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(der.size())));
  if (out && p != der.data() + der.size()) out.reset();
  if (!out) ossl::throw_error(what + ": not a DER OCSP response");
  return out;
}

Bytes ocsp_response_der(const OCSP_RESPONSE* response) {
  return ossl::to_der(response, i2d_OCSP_RESPONSE, "OCSP response");
}

}  // namespace kr::x509
