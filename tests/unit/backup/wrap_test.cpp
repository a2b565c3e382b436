// The PKCS#11 wrap layer on real SoftHSM and NSS softokn tokens: trust rules, which mechanism is
// RFC 5649, what each token refuses to wrap.
#include "pkcs11/wrap.h"

#include <doctest/doctest.h>

#include "backup_support.h"
#include "pkcs11/attributes.h"
#include "pkcs11/keys.h"
#include "pkcs11/rv.h"
#include "support/temp_nss.h"

using namespace kr;
using namespace kr::pkcs11;

namespace {

KeySpec backup_spec(const std::string& label) {
  return {label, KeyAlgorithm::ec, 0, "P-256", Backup::trusted_wrap_only};
}

CK_RV wrap_rv(Session& s, CK_OBJECT_HANDLE kek, CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE m) {
  try {
    wrap_private_key(s, kek, key, m);
    return CKR_OK;
  } catch (const Pkcs11Error& e) {
    return e.rv();
  }
}

}  // namespace

TEST_SUITE("pkcs11 wrap on SoftHSM") {
  TEST_CASE("a backup key is extractable only with a trusted wrap; the default is unchanged") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    Login login(s, UserType::user, hsm.user_pin());
    auto marked = generate_key_pair(s, backup_spec("marked"));
    CHECK(marked.attribute_summary ==
          "token private sensitive always-sensitive extractable-only-with-trusted-wrap sign local");
    CHECK(get_bool(s, marked.private_key, CKA_WRAP_WITH_TRUSTED, "") == true);
    CHECK(get_bool(s, marked.private_key, CKA_EXTRACTABLE, "") == true);
    CHECK(get_bool(s, marked.private_key, CKA_SENSITIVE, "") == true);
    auto plain = generate_key_pair(s, {"plain", KeyAlgorithm::ec, 0, "P-256"});
    CHECK(plain.attribute_summary ==
          "token private sensitive always-sensitive never-extractable sign local");
  }

  TEST_CASE("only the security officer may set CKA_TRUSTED, and the trusted KEK outlives the SO") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    auto bytes = test::random_kek_bytes();
    {
      Login user(s, UserType::user, hsm.user_pin());
      try {
        import_aes_kek(s, bytes, KekUse::wrap, KekTrust::trusted);
        FAIL("the user set CKA_TRUSTED");
      } catch (const Pkcs11Error& e) {
        CHECK(e.rv() == CKR_ATTRIBUTE_READ_ONLY);
        CHECK(std::string(e.what()) ==
              "C_CreateObject (trusted key-encryption key) failed: CKR_ATTRIBUTE_READ_ONLY");
        CHECK(e.hint().find("only the security officer may set CKA_TRUSTED") == 0);
      }
    }
    CK_OBJECT_HANDLE kek;
    {
      Login so(s, UserType::security_officer, hsm.so_pin());
      kek = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::trusted);
      // An untrusted KEK is private, which the SO may not create.
      CHECK_THROWS_WITH(import_aes_kek(s, bytes, KekUse::wrap, KekTrust::untrusted),
                        "C_CreateObject (key-encryption key) failed: CKR_USER_NOT_LOGGED_IN");
    }
    Login user(s, UserType::user, hsm.user_pin());
    CHECK(get_bool(s, kek, CKA_TRUSTED, "CKA_TRUSTED") == true);
    CHECK(get_bool(s, kek, CKA_TOKEN, "CKA_TOKEN") == false);
    CHECK(get_bool(s, kek, CKA_PRIVATE, "CKA_PRIVATE") == false);
    CHECK(get_bool(s, kek, CKA_SENSITIVE, "CKA_SENSITIVE") == true);
    CHECK(get_bool(s, kek, CKA_EXTRACTABLE, "CKA_EXTRACTABLE") == false);
    CHECK(get_bool(s, kek, CKA_WRAP, "CKA_WRAP") == true);
    CHECK(get_bool(s, kek, CKA_UNWRAP, "CKA_UNWRAP") == false);
    CHECK_FALSE(get_attribute(s, kek, CKA_VALUE));  // sensitive: not readable
  }

  TEST_CASE("CKM_AES_KEY_WRAP_PAD is RFC 5649 on SoftHSM: OpenSSL unwraps the key's PKCS#8") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    auto bytes = test::random_kek_bytes();
    CK_OBJECT_HANDLE trusted;
    {
      Login so(s, UserType::security_officer, hsm.so_pin());
      trusted = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::trusted);
    }
    Login user(s, UserType::user, hsm.user_pin());
    CHECK(rfc5649_mechanism(s) == CKM_AES_KEY_WRAP_PAD);
    for (auto spec : {KeySpec{"rsa", KeyAlgorithm::rsa, 2048, "", Backup::trusted_wrap_only},
                      backup_spec("ec")}) {
      auto pair = generate_key_pair(s, spec);
      Bytes blob = wrap_private_key(s, trusted, pair.private_key, CKM_AES_KEY_WRAP_PAD);
      auto pkcs8 = test::openssl_unwrap(bytes, blob, true);
      REQUIRE(pkcs8);
      CHECK(test::spki_of_pkcs8(*pkcs8) == ossl::spki_der(pair.public_key.get()));
      CHECK_FALSE(test::openssl_unwrap(bytes, blob, false));  // not RFC 3394
      auto other = test::random_kek_bytes();
      CHECK_FALSE(test::openssl_unwrap(other, blob, true));
    }
  }

  TEST_CASE("SoftHSM zero-pads key data to a multiple of 8 before its RFC 5649 wrap") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    Login user(s, UserType::user, hsm.user_pin());
    auto bytes = test::random_kek_bytes();
    auto kek = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::untrusted);
    for (std::size_t len : {20u, 24u}) {
      Bytes value(len);
      for (std::size_t i = 0; i < len; ++i) value[i] = static_cast<std::uint8_t>(0x40 + i);
      CK_OBJECT_CLASS cls = CKO_SECRET_KEY;
      CK_KEY_TYPE type = CKK_GENERIC_SECRET;
      CK_BBOOL yes = CK_TRUE, no = CK_FALSE;
      CK_ATTRIBUTE t[] = {{CKA_CLASS, &cls, sizeof cls}, {CKA_KEY_TYPE, &type, sizeof type},
                          {CKA_TOKEN, &no, 1},           {CKA_SENSITIVE, &no, 1},
                          {CKA_EXTRACTABLE, &yes, 1},    {CKA_VALUE, value.data(), len}};
      CK_OBJECT_HANDLE data;
      check_rv(s.fn()->C_CreateObject(s.handle(), t, 6, &data), "C_CreateObject");
      Bytes blob = wrap_private_key(s, kek, data, CKM_AES_KEY_WRAP_PAD);
      auto plain = test::openssl_unwrap(bytes, blob, true);
      REQUIRE(plain);
      Bytes padded = value;
      padded.resize((len + 7) / 8 * 8, 0);
      // RFC 5649 would give back `value` itself; SoftHSM's blob gives it back zero-padded.
      CHECK(*plain == padded);
      CHECK((*plain == value) == (len % 8 == 0));
    }
  }

  TEST_CASE("the token refuses to wrap a key made without the backup option") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    auto bytes = test::random_kek_bytes();
    CK_OBJECT_HANDLE trusted;
    {
      Login so(s, UserType::security_officer, hsm.so_pin());
      trusted = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::trusted);
    }
    Login user(s, UserType::user, hsm.user_pin());
    auto plain = generate_key_pair(s, {"plain", KeyAlgorithm::rsa, 2048, ""});
    CHECK(wrap_rv(s, trusted, plain.private_key, CKM_AES_KEY_WRAP_PAD) == CKR_KEY_UNEXTRACTABLE);
  }

  TEST_CASE("SoftHSM enforces CKA_WRAP_WITH_TRUSTED: an untrusted KEK cannot wrap a backup key") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    Login user(s, UserType::user, hsm.user_pin());
    auto untrusted = import_aes_kek(s, test::random_kek_bytes(), KekUse::wrap, KekTrust::untrusted);
    auto marked = generate_key_pair(s, backup_spec("marked"));
    CHECK(wrap_rv(s, untrusted, marked.private_key, CKM_AES_KEY_WRAP_PAD) == CKR_KEY_NOT_WRAPPABLE);
    // The same KEK wraps a key that is extractable without the trusted-wrap mark: the refusal
    // above is the mark at work, not the KEK.
    CK_BBOOL yes = CK_TRUE;
    CK_ULONG bits = 2048;
    Bytes e{1, 0, 1};
    CK_ATTRIBUTE pub[] = {{CKA_MODULUS_BITS, &bits, sizeof bits},
                          {CKA_PUBLIC_EXPONENT, e.data(), 3}};
    CK_ATTRIBUTE priv[] = {{CKA_EXTRACTABLE, &yes, 1}, {CKA_SENSITIVE, &yes, 1}};
    CK_MECHANISM gen{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
    CK_OBJECT_HANDLE pub_h, priv_h;
    check_rv(s.fn()->C_GenerateKeyPair(s.handle(), &gen, pub, 2, priv, 2, &pub_h, &priv_h),
             "C_GenerateKeyPair");
    CHECK(wrap_rv(s, untrusted, priv_h, CKM_AES_KEY_WRAP_PAD) == CKR_OK);
  }

  TEST_CASE("a KEK must be 32 bytes") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    Login user(s, UserType::user, hsm.user_pin());
    CHECK_THROWS_WITH(import_aes_kek(s, Secret("too short"), KekUse::unwrap, KekTrust::untrusted),
                      "a key-encryption key must be 32 bytes (AES-256), not 9");
  }
}

TEST_SUITE("pkcs11 wrap on NSS softokn") {
  TEST_CASE(
      "NSS: RFC 5649 is CKM_AES_KEY_WRAP_KWP; its CKM_AES_KEY_WRAP_PAD is RFC 3394 + PKCS#7") {
    test::TempNss nss;
    Session s(nss.module(), nss.token().slot, Access::read_write);
    Login login(s, UserType::user, nss.user_pin());
    CHECK(rfc5649_mechanism(s) == 0x210BUL);
    CHECK(mechanism_name(rfc5649_mechanism(s)) == "CKM_AES_KEY_WRAP_KWP");
    auto bytes = test::random_kek_bytes();
    auto kek = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::untrusted);
    auto pair = generate_key_pair(s, backup_spec("nss-marked"));
    const Bytes spki = ossl::spki_der(pair.public_key.get());

    Bytes kwp = wrap_private_key(s, kek, pair.private_key, 0x210BUL);
    auto pkcs8 = test::openssl_unwrap(bytes, kwp, true);
    REQUIRE(pkcs8);
    CHECK(test::spki_of_pkcs8(*pkcs8) == spki);

    Bytes pad = wrap_private_key(s, kek, pair.private_key, CKM_AES_KEY_WRAP_PAD);
    CHECK_FALSE(test::openssl_unwrap(bytes, pad, true));
    auto padded = test::openssl_unwrap(bytes, pad, false);
    REQUIRE(padded);
    // PKCS#7: the last n bytes are n.
    const std::uint8_t n = padded->back();
    REQUIRE(n >= 1);
    REQUIRE(n <= 8);
    CHECK(test::spki_of_pkcs8(Bytes(padded->begin(), padded->end() - n)) == spki);
  }

  TEST_CASE("NSS stores CKA_WRAP_WITH_TRUSTED but does not enforce it, nor who sets CKA_TRUSTED") {
    test::TempNss nss;
    Session s(nss.module(), nss.token().slot, Access::read_write);
    Login login(s, UserType::user, nss.user_pin());
    auto marked = generate_key_pair(s, backup_spec("nss-marked"));
    CHECK(get_bool(s, marked.private_key, CKA_WRAP_WITH_TRUSTED, "") == true);
    auto untrusted = import_aes_kek(s, test::random_kek_bytes(), KekUse::wrap, KekTrust::untrusted);
    CHECK(wrap_rv(s, untrusted, marked.private_key, 0x210BUL) == CKR_OK);
    // The user, not an SO, created a CKA_TRUSTED key.
    auto trusted = import_aes_kek(s, test::random_kek_bytes(), KekUse::wrap, KekTrust::trusted);
    CHECK(trusted != CK_INVALID_HANDLE);
  }

  TEST_CASE("NSS wraps even a key it reports as CKA_EXTRACTABLE=false, and the blob is the key") {
    test::TempNss nss;
    Session s(nss.module(), nss.token().slot, Access::read_write);
    Login login(s, UserType::user, nss.user_pin());
    auto plain = generate_key_pair(s, {"nss-plain", KeyAlgorithm::ec, 0, "P-256"});
    CHECK(get_bool(s, plain.private_key, CKA_EXTRACTABLE, "") == false);
    CHECK(get_bool(s, plain.private_key, CKA_NEVER_EXTRACTABLE, "") == true);
    auto bytes = test::random_kek_bytes();
    auto kek = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::untrusted);
    Bytes blob = wrap_private_key(s, kek, plain.private_key, 0x210BUL);
    auto pkcs8 = test::openssl_unwrap(bytes, blob, true);
    REQUIRE(pkcs8);
    CHECK(test::spki_of_pkcs8(*pkcs8) == ossl::spki_der(plain.public_key.get()));
  }
}

TEST_SUITE("pkcs11 unwrap on NSS softokn") {
  TEST_CASE("NSS unwraps an EC key only with CKA_NSS_DB, and makes an RSA key a decryption key") {
    test::TempNss nss;
    Session s(nss.module(), nss.token().slot, Access::read_write);
    Login login(s, UserType::user, nss.user_pin());
    auto bytes = test::random_kek_bytes();
    auto wrap_kek = import_aes_kek(s, bytes, KekUse::wrap, KekTrust::untrusted);
    auto unwrap_kek = import_aes_kek(s, bytes, KekUse::unwrap, KekTrust::untrusted);
    const CK_MECHANISM_TYPE kwp = 0x210BUL;

    auto ec = generate_key_pair(s, backup_spec("nss-ec"));
    Bytes ec_blob = wrap_private_key(s, wrap_kek, ec.private_key, kwp);
    UnwrapTarget target{"ec-copy", Bytes{0xec, 0x01}, CKK_EC, {}};
    try {
      unwrap_private_key(s, unwrap_kek, ec_blob, kwp, target);
      FAIL("NSS unwrapped an EC key without CKA_NSS_DB");
    } catch (const Pkcs11Error& e) {
      CHECK(e.rv() == CKR_TEMPLATE_INCOMPLETE);
    }
    std::size_t len = 0;
    Bytes point(256);
    REQUIRE(EVP_PKEY_get_octet_string_param(ec.public_key.get(), "encoded-pub-key", point.data(),
                                            point.size(), &len) == 1);
    point.resize(len);
    target.nss_db_public_value = point;
    auto copy = unwrap_private_key(s, unwrap_kek, ec_blob, kwp, target);
    CHECK(get_bool(s, copy, CKA_SENSITIVE, "") == true);
    CHECK(get_bool(s, copy, CKA_EXTRACTABLE, "") == false);

    auto rsa =
        generate_key_pair(s, {"nss-rsa", KeyAlgorithm::rsa, 2048, "", Backup::trusted_wrap_only});
    Bytes rsa_blob = wrap_private_key(s, wrap_kek, rsa.private_key, kwp);
    auto rsa_copy = unwrap_private_key(s, unwrap_kek, rsa_blob, kwp,
                                       {"rsa-copy", Bytes{0x5a, 0x01}, CKK_RSA, {}});
    // The template said CKA_DECRYPT=false; restore_key takes the permission away again.
    CHECK(get_bool(s, rsa_copy, CKA_DECRYPT, "") == true);
    CHECK(get_bool(s, rsa_copy, CKA_SIGN, "") == true);
  }
}
