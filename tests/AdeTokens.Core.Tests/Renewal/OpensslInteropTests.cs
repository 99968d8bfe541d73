using System.IO;
using System.Text;
using AdeTokens.Renewal;
using Xunit;

namespace AdeTokens.Tests.Renewal
{
    /// <summary>
    /// Tokens made by openssl, an independent CMS encoder, for certificates openssl made too. Nothing here needs
    /// CertificateRequest, so these run under Mono as well and read the tokens with .NET Framework's EnvelopedCms.
    /// </summary>
    public class OpensslInteropTests
    {
        private sealed class Keys : System.IDisposable
        {
            public Keys(string subject, bool ski)
            {
                Temp = new RenewalTempFolder();
                // openssl req adds a Subject Key Identifier by default; "none" leaves the certificate without one.
                Openssl.Run(Temp.Path, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", subject,
                    "-addext", ski ? "subjectKeyIdentifier=hash" : "subjectKeyIdentifier=none", "-keyout", "key.pem", "-out", "cert.pem");
                File.WriteAllText(Temp.File("token.json"), RenewalTestData.TokenJson);
                Pem = File.ReadAllText(Temp.File("cert.pem"));
            }

            public RenewalTempFolder Temp { get; }

            public string Pem { get; }

            public string CertPath => Temp.File("cert.pem");

            public string JsonPath => Temp.File("token.json");

            public void Dispose() => Temp.Dispose();
        }

        [Fact]
        public void SmimeEncryptAes256_MatchesIntuneKey()
        {
            using var keys = new Keys("/CN=Intune DEP Token Test/O=Contoso", ski: false);
            using var other = new Keys("/CN=Other MDM Server/O=Fabrikam", ski: false);
            string outPath = keys.Temp.File("x.p7m");
            Openssl.Run(keys.Temp.Path, "smime", "-encrypt", "-aes256", "-in", keys.JsonPath, "-out", outPath, keys.CertPath);

            ServerTokenFile token = ServerTokenFile.Load(outPath);

            EncryptionPublicKey key = EncryptionPublicKey.Parse(keys.Pem);
            Assert.Equal(ServerTokenFile.FormatSmime, token.Format);
            Assert.Equal("AES-256-CBC", token.ContentEncryptionAlgorithm);
            Assert.Equal(ServerTokenRecipient.IdentifierIssuerAndSerialNumber, Assert.Single(token.Recipients).IdentifierType);
            Assert.True(Assert.Single(token.Recipients).SerialNumberEquals(key.SerialNumber));
            Assert.Equal(File.ReadAllText(outPath), token.TextForUpload);
            Assert.True(token.MatchesRecipient(key, out _));
            Assert.Equal(RecipientMatch.Mismatch, token.CheckRecipient(EncryptionPublicKey.Parse(other.Pem), out _));
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(token.TextForUpload), token.ToString());
        }

        [Fact]
        public void SmimeEncryptStreamed_IndefiniteLengths_AndTruncation()
        {
            using var keys = new Keys("/CN=Intune DEP Token Test/O=Contoso", ski: false);
            string outPath = keys.Temp.File("x.p7m");
            Openssl.Run(keys.Temp.Path, "smime", "-encrypt", "-stream", "-aes256", "-in", keys.JsonPath, "-out", outPath, keys.CertPath);
            string text = File.ReadAllText(outPath);
            Assert.StartsWith("MIAGCSqGSIb3DQEHA6CAMIACAQAx", RenewalTestData.BodyOf(text));

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(text), outPath);
            Assert.True(token.MatchesRecipient(EncryptionPublicKey.Parse(keys.Pem), out _));

            string cut = text.Substring(0, text.Length - (RenewalTestData.BodyOf(text).Length / 2));
            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(cut), ServerTokenErrorIds.TokenFileTruncated);
            Assert.Contains("cut off", ex.Message);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(text), ex.Message, ex.RecommendedAction);
        }

        [Fact]
        public void CmsEncryptKeyId_DerOutput_MatchesBySki()
        {
            using var keys = new Keys("/CN=Intune DEP Token With SKI/O=Contoso", ski: true);
            string outPath = keys.Temp.File("x.der");
            Openssl.Run(keys.Temp.Path, "cms", "-encrypt", "-keyid", "-aes128", "-outform", "DER", "-in", keys.JsonPath, "-out", outPath, keys.CertPath);

            ServerTokenFile token = ServerTokenFile.Load(outPath);

            EncryptionPublicKey key = EncryptionPublicKey.Parse(keys.Pem);
            Assert.Equal(ServerTokenFile.FormatDer, token.Format);
            Assert.Equal("AES-128-CBC", token.ContentEncryptionAlgorithm);
            Assert.NotNull(key.SubjectKeyIdentifier);
            Assert.Equal(key.SubjectKeyIdentifier, token.RecipientSubjectKeyIdentifier);
            Assert.True(token.MatchesRecipient(key, out string reason));
            Assert.Contains("Subject Key Identifier extension", reason);
        }

        [Fact]
        public void KekRecipient_IsRefusedAsDamagedWithoutLeaking()
        {
            // EnvelopedCms reads key-transport and key-agreement recipients only; Apple uses key transport.
            using var keys = new Keys("/CN=Unused/O=Contoso", ski: false);
            string outPath = keys.Temp.File("kek.der");
            Openssl.Run(keys.Temp.Path, "cms", "-encrypt", "-secretkey", "000102030405060708090A0B0C0D0E0F", "-secretkeyid", "0102",
                "-aes128", "-outform", "DER", "-in", keys.JsonPath, "-out", outPath);
            byte[] der = File.ReadAllBytes(outPath);

            ServerTokenException ex = RenewalTestData.ParseFails(der, ServerTokenErrorIds.TokenFileTruncated);

            Assert.Contains("damaged", ex.Message);
            Assert.DoesNotContain("CK_", ex.Message);
        }

        [Fact]
        public void OpensslCertificate_PemAndBase64Der_AreTheSameKey()
        {
            using var keys = new Keys("/CN=Intune DEP Token Test/O=Contoso", ski: true);
            Openssl.Run(keys.Temp.Path, "x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der");
            string base64 = System.Convert.ToBase64String(File.ReadAllBytes(keys.Temp.File("cert.der")));

            EncryptionPublicKey pem = EncryptionPublicKey.Parse(keys.Pem);
            EncryptionPublicKey der = EncryptionPublicKey.Parse(base64);

            Assert.Equal(EncryptionPublicKey.FormatPemCertificate, pem.Format);
            Assert.Equal(EncryptionPublicKey.FormatBase64Der, der.Format);
            Assert.Equal(pem.Thumbprint, der.Thumbprint);
            Assert.Equal(pem.SubjectKeyIdentifier, der.SubjectKeyIdentifier);
            Assert.Equal(keys.Pem.Replace("\r", string.Empty).Trim(), pem.ToPem().Trim());
            Assert.Contains("Intune DEP Token Test", pem.Subject);
            Assert.Equal(pem.KeyIdentifier, der.KeyIdentifier);
        }
    }
}
