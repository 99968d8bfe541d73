using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AdeTokens.Renewal;
using Xunit;

namespace AdeTokens.Tests.Renewal
{
    /// <summary>Tokens made by openssl, an independent CMS encoder, to keep the parser honest about real-world encodings.</summary>
    public class OpensslInteropTests
    {
        private static (RenewalTempFolder Temp, string CertPath, string JsonPath) Setup(X509Certificate2 cert)
        {
            var temp = new RenewalTempFolder();
            string certPath = temp.File("cert.pem");
            File.WriteAllText(certPath, cert.ExportCertificatePem());
            string jsonPath = temp.File("token.json");
            File.WriteAllText(jsonPath, RenewalTestData.TokenJson);
            return (temp, certPath, jsonPath);
        }

        [OpensslFact]
        public void SmimeEncryptAes256_MatchesIntuneKey()
        {
            var (temp, certPath, jsonPath) = Setup(RenewalTestData.Intune);
            using (temp)
            {
                string outPath = temp.File("x.p7m");
                Openssl.Run(temp.Path, "smime", "-encrypt", "-aes256", "-in", jsonPath, "-out", outPath, certPath);

                ServerTokenFile token = ServerTokenFile.Load(outPath);

                Assert.Equal(ServerTokenFile.FormatSmime, token.Format);
                Assert.Equal("AES-256-CBC", token.ContentEncryptionAlgorithm);
                Assert.Equal(RenewalTestData.Intune.SerialNumber, token.RecipientSerialNumber);
                Assert.Equal(File.ReadAllText(outPath), token.TextForUpload);
                EncryptionPublicKey key = EncryptionPublicKey.Parse(File.ReadAllText(certPath));
                Assert.True(token.MatchesRecipient(key, out _));
                Assert.False(token.MatchesRecipient(EncryptionPublicKey.Parse(RenewalTestData.Other.ExportCertificatePem()), out _));
                RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(token.TextForUpload), token.ToString());
            }
        }

        [OpensslFact]
        public void SmimeEncryptStreamed_IndefiniteLengths_AndTruncation()
        {
            var (temp, certPath, jsonPath) = Setup(RenewalTestData.Intune);
            using (temp)
            {
                string outPath = temp.File("x.p7m");
                Openssl.Run(temp.Path, "smime", "-encrypt", "-stream", "-aes256", "-in", jsonPath, "-out", outPath, certPath);
                string text = File.ReadAllText(outPath);

                ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(text), outPath);
                Assert.True(token.MatchesRecipient(EncryptionPublicKey.Parse(File.ReadAllText(certPath)), out _));

                string cut = text.Substring(0, text.Length - (RenewalTestData.BodyOf(text).Length / 2));
                ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(cut), ServerTokenErrorIds.TokenFileTruncated);
                RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(text), ex.Message, ex.RecommendedAction);
            }
        }

        [OpensslFact]
        public void CmsEncryptKeyId_DerOutput_MatchesBySki()
        {
            X509Certificate2 cert = RenewalTestData.WithSki;
            var (temp, certPath, jsonPath) = Setup(cert);
            using (temp)
            {
                string outPath = temp.File("x.der");
                Openssl.Run(temp.Path, "cms", "-encrypt", "-keyid", "-aes128", "-outform", "DER", "-in", jsonPath, "-out", outPath, certPath);

                ServerTokenFile token = ServerTokenFile.Load(outPath);

                Assert.Equal(ServerTokenFile.FormatDer, token.Format);
                Assert.Equal("AES-128-CBC", token.ContentEncryptionAlgorithm);
                EncryptionPublicKey key = EncryptionPublicKey.Parse(cert.ExportCertificatePem());
                Assert.Equal(key.SubjectKeyIdentifier, token.RecipientSubjectKeyIdentifier);
                Assert.True(token.MatchesRecipient(key, out _));
            }
        }
    }
}
