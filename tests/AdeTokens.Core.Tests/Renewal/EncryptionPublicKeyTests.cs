using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AdeTokens.Renewal;
using Xunit;

namespace AdeTokens.Tests.Renewal
{
    public class EncryptionPublicKeyTests
    {
        private static X509Certificate2 Cert => RenewalTestData.Intune;

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("\r")]
        public void PemCertificate_AnyLineEndings_IsParsed(string newline)
        {
            string pem = "\r\n  \t" + Cert.ExportCertificatePem().Replace("\n", newline) + newline + newline + "   ";

            EncryptionPublicKey key = EncryptionPublicKey.Parse(pem);

            Assert.Equal(EncryptionPublicKey.FormatPemCertificate, key.Format);
            Assert.Equal(Cert.Thumbprint, key.Thumbprint);
            Assert.Equal(Cert.Subject, key.Subject);
            Assert.Equal(Cert.Issuer, key.Issuer);
            Assert.Equal(Cert.SerialNumber, key.SerialNumber);
            Assert.Equal(Cert.NotAfter, key.NotAfter);
            Assert.Equal("RSA", key.KeyAlgorithm);
        }

        [Fact]
        public void PemCertificate_WrappedAt76_IsParsed()
        {
            string b64 = Convert.ToBase64String(Cert.RawData);
            string pem = "-----BEGIN CERTIFICATE-----\n" + RenewalTestData.Wrap76(b64, "\n") + "-----END CERTIFICATE-----";

            Assert.Equal(Cert.Thumbprint, EncryptionPublicKey.Parse(pem).Thumbprint);
        }

        [Fact]
        public void Base64Der_IsParsed()
        {
            string b64 = "  " + Convert.ToBase64String(Cert.RawData) + "\r\n";

            EncryptionPublicKey key = EncryptionPublicKey.Parse(b64);

            Assert.Equal(EncryptionPublicKey.FormatBase64Der, key.Format);
            Assert.Equal(Cert.Thumbprint, key.Certificate!.Thumbprint);
        }

        [Fact]
        public void Base64OfPemText_IsNotAFormGraphReturns()
        {
            string b64 = Convert.ToBase64String(Encoding.ASCII.GetBytes(Cert.ExportCertificatePem()));

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(b64));

            Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
            Assert.Contains("not an X.509 certificate", ex.Message);
        }

        [Fact]
        public void JsonEscapedPem_IsNotAFormGraphReturns()
        {
            // Kiota hands over the JSON string already unescaped, so literal "\n" means the text was copied by hand.
            string escaped = Cert.ExportCertificatePem().Replace("\n", "\\n");

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(escaped));

            Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
        }

        [Fact]
        public void ToPem_IsNormalised()
        {
            string messy = "  " + Cert.ExportCertificatePem().Replace("\n", "\r\n") + "  ";

            string pem = EncryptionPublicKey.Parse(messy).ToPem();

            Assert.DoesNotContain("\r", pem);
            Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", pem);
            Assert.EndsWith("-----END CERTIFICATE-----\n", pem);
            string[] body = pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)).ToArray();
            Assert.All(body.Take(body.Length - 1), line => Assert.Equal(64, line.Length));
            Assert.InRange(body[body.Length - 1].Length, 1, 64);
            Assert.Equal(Cert.ExportCertificatePem().Replace("\r", string.Empty).Trim(), pem.Trim());
            Assert.Equal(Cert.Thumbprint, EncryptionPublicKey.Parse(pem).Thumbprint);
        }

        [Fact]
        public void BarePublicKeys_AreRefusedAsNotACertificate()
        {
            using RSA rsa = Cert.GetRSAPublicKey()!;
            byte[] spki = Cert.PublicKey.ExportSubjectPublicKeyInfo();
            string[] bare =
            {
                PemEncoding.WriteString("PUBLIC KEY", spki),
                PemEncoding.WriteString("RSA PUBLIC KEY", rsa.ExportRSAPublicKey()),
                Convert.ToBase64String(spki),
            };

            foreach (string value in bare)
            {
                ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(value));
                Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
                Assert.Contains("certificate", ex.Message, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void CertificateContainers_AreRefused()
        {
            // X509Certificate2 opens these too; Graph's value is one certificate, never a bundle or a private key.
            using var temp = new RenewalTempFolder();
            Openssl.Run(temp.Path, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Container", "-keyout", "key.pem", "-out", "cert.pem");
            Openssl.Run(temp.Path, "crl2pkcs7", "-nocrl", "-certfile", "cert.pem", "-outform", "DER", "-out", "bundle.p7b");
            Openssl.Run(temp.Path, "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-passout", "pass:", "-out", "bundle.pfx");
            Assert.NotNull(EncryptionPublicKey.Parse(System.IO.File.ReadAllText(temp.File("cert.pem"))));

            foreach (string name in new[] { "bundle.p7b", "bundle.pfx" })
            {
                string b64 = Convert.ToBase64String(System.IO.File.ReadAllBytes(temp.File(name)));

                ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(b64));

                Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
            }
        }

        [Fact]
        public void KeyIdentifiers_AreBothSha1FormsOfTheCertificatesKey()
        {
            EncryptionPublicKey key = EncryptionPublicKey.Parse(Cert.ExportCertificatePem());

            Assert.Equal(Convert.ToHexString(SHA1.HashData(Cert.PublicKey.EncodedKeyValue.RawData)), key.KeyIdentifier);
            Assert.Equal(Convert.ToHexString(SHA1.HashData(Cert.PublicKey.ExportSubjectPublicKeyInfo())), key.CapiKeyIdentifier);
            Assert.NotEqual(key.KeyIdentifier, key.CapiKeyIdentifier);
            Assert.Null(key.SubjectKeyIdentifier);
        }

        [Fact]
        public void SubjectKeyIdentifierExtension_IsExposed()
        {
            X509Certificate2 cert = RenewalTestData.WithSki;
            string expected = ((X509SubjectKeyIdentifierExtension)cert.Extensions["2.5.29.14"]!).SubjectKeyIdentifier!;

            EncryptionPublicKey key = EncryptionPublicKey.Parse(cert.ExportCertificatePem());

            Assert.Equal(expected, key.SubjectKeyIdentifier);
            Assert.Equal(expected, key.KeyIdentifier); // the extension was built with RFC 5280 method 1
        }

        [Fact]
        public void ToString_NamesTheCertificate()
        {
            string text = EncryptionPublicKey.Parse(Cert.ExportCertificatePem()).ToString();

            Assert.Contains(Cert.Thumbprint, text);
            Assert.Contains("PemCertificate", text);
        }

        [Theory]
        [InlineData("")]
        [InlineData("   \r\n ")]
        [InlineData("hello world, this is not a key")]
        [InlineData("{\"value\":\"-----BEGIN CERTIFICATE-----\"}")]
        [InlineData("-----BEGIN CERTIFICATE-----\nMIIB\n")]
        [InlineData("-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----")]
        [InlineData("-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----")]
        [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
        [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")]
        [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")]
        [InlineData("MIIB")]
        [InlineData("QUJD")]
        public void Garbage_IsPublicKeyUnreadable(string value)
        {
            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(value));

            Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
            Assert.Contains("getEncryptionPublicKey", ex.RecommendedAction);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        }

        [Fact]
        public void PrivateKeyPem_IsRejectedWithAWarning()
        {
            using RSA rsa = RSA.Create(2048);
            string pem = rsa.ExportPkcs8PrivateKeyPem();

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(pem));

            Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
            Assert.Contains("private key", ex.Message);
            RenewalTestData.AssertNoLeak(pem.Split('\n')[2].Substring(0, 20), ex.Message, ex.RecommendedAction);
        }

        [Fact]
        public void CmsInsteadOfCertificate_IsRejected()
        {
            string b64 = Convert.ToBase64String(RenewalTestData.Encrypt(Cert));

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => EncryptionPublicKey.Parse(b64));

            Assert.Equal(ServerTokenErrorIds.PublicKeyUnreadable, ex.ErrorId);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(b64), ex.Message);
        }

        [Fact]
        public void Null_Throws()
        {
            Assert.Throws<ArgumentNullException>(() => EncryptionPublicKey.Parse(null!));
        }
    }
}
