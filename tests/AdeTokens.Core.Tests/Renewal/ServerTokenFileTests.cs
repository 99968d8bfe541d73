using System;
using System.IO;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AdeTokens.Renewal;
using Xunit;

namespace AdeTokens.Tests.Renewal
{
    public class ServerTokenFileTests
    {
        private static X509Certificate2 Intune => RenewalTestData.Intune;

        private static EncryptionPublicKey IntuneKey => EncryptionPublicKey.Parse(Intune.ExportCertificatePem());

        [Fact]
        public void Fixture_DecryptsToAppleLikeJson()
        {
            // Guards the fixtures themselves: the generated token really is enveloped data for the Intune key.
            var cms = new EnvelopedCms();
            cms.Decode(RenewalTestData.Encrypt(Intune));
            cms.Decrypt(new X509Certificate2Collection(Intune));

            string inner = Encoding.ASCII.GetString(cms.ContentInfo.Content);
            Assert.Contains("\"access_token_expiry\"", inner);
            Assert.Contains("-----BEGIN MESSAGE-----", inner);
        }

        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        public void SmimeFile_MatchingIssuerAndSerial(string newline)
        {
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune), newline);

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "Contoso_Token_2025-11-04T10-21-55Z_smime.p7m");

            Assert.Equal(ServerTokenFile.FormatSmime, token.Format);
            Assert.True(token.HasMimeHeaders);
            Assert.StartsWith("application/pkcs7-mime; smime-type=enveloped-data;", token.MimeContentType);
            Assert.Equal(Intune.Issuer, token.RecipientIssuer);
            Assert.Equal(Intune.SerialNumber, token.RecipientSerialNumber);
            Assert.Null(token.RecipientSubjectKeyIdentifier);
            Assert.Equal("AES-256-CBC", token.ContentEncryptionAlgorithm);
            Assert.Equal("2.16.840.1.101.3.4.1.42", token.ContentEncryptionAlgorithmOid);
            ServerTokenRecipient recipient = Assert.Single(token.Recipients);
            Assert.Equal(ServerTokenRecipient.KindKeyTransport, recipient.Kind);
            Assert.Equal(ServerTokenRecipient.IdentifierIssuerAndSerialNumber, recipient.IdentifierType);
            Assert.Equal("RSA", recipient.KeyEncryptionAlgorithm);
            Assert.Equal(smime, token.TextForUpload);

            Assert.True(token.MatchesRecipient(IntuneKey, out string reason));
            Assert.Contains(Intune.Thumbprint, reason);
            Assert.Equal(RecipientMatch.Match, token.CheckRecipient(IntuneKey, out _));
            token.EnsureMatchesRecipient(IntuneKey);
        }

        [Fact]
        public void SmimeFile_WithBom_UploadTextHasNoBom()
        {
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune));
            byte[] withBom = RenewalTestData.Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Encoding.ASCII.GetBytes(smime));

            ServerTokenFile token = ServerTokenFile.Parse(withBom, "bom.p7m");

            Assert.Equal(smime, token.TextForUpload);
            Assert.Equal('M', token.TextForUpload[0]);
            Assert.Equal(withBom.Length, token.ByteCount);
            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void Load_ReadsFileAndReportsFullPath()
        {
            using var temp = new RenewalTempFolder();
            string path = temp.File("Contoso MDM_Token_2025-11-04T10-21-55Z_smime.p7m");
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune));
            File.WriteAllText(path, smime, new UTF8Encoding(false));

            ServerTokenFile token = ServerTokenFile.Load(path);

            Assert.Equal(Path.GetFullPath(path), token.Source);
            Assert.Equal(smime, token.TextForUpload);
            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void BareBase64_NoHeaders()
        {
            string b64 = RenewalTestData.Wrap76(Convert.ToBase64String(RenewalTestData.Encrypt(Intune)), "\n");

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(b64), "body.txt");

            Assert.Equal(ServerTokenFile.FormatBase64, token.Format);
            Assert.False(token.HasMimeHeaders);
            Assert.Null(token.MimeContentType);
            Assert.Equal(b64, token.TextForUpload);
            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void RawDer_UploadTextIsBase64()
        {
            byte[] der = RenewalTestData.Encrypt(Intune);

            ServerTokenFile token = ServerTokenFile.Parse(der, "token.der");

            Assert.Equal(ServerTokenFile.FormatDer, token.Format);
            Assert.Equal(Convert.ToBase64String(der), token.TextForUpload);
            Assert.Equal(der.Length, token.ByteCount);
            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void IndefiniteLengthBer_LikeApple_IsParsed()
        {
            byte[] ber = RenewalTestData.IndefiniteLengthBer(Intune);
            string smime = RenewalTestData.Smime(ber);
            Assert.StartsWith("MIAGCSqGSIb3DQEHA6CAMIACAQAx", RenewalTestData.BodyOf(smime));

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "ber.p7m");

            Assert.Equal(Intune.SerialNumber, token.RecipientSerialNumber);
            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void SkiRecipient_WithSkiExtension_Matches()
        {
            X509Certificate2 cert = RenewalTestData.WithSki;
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(cert, SubjectIdentifierType.SubjectKeyIdentifier));
            EncryptionPublicKey key = EncryptionPublicKey.Parse(cert.ExportCertificatePem());

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "ski.p7m");

            Assert.Equal(key.SubjectKeyIdentifier, token.RecipientSubjectKeyIdentifier);
            Assert.Null(token.RecipientIssuer);
            Assert.Null(token.RecipientSerialNumber);
            Assert.True(token.MatchesRecipient(key, out string reason));
            Assert.Contains("Subject Key Identifier extension", reason);
        }

        [Fact]
        public void SkiRecipient_CertWithoutSkiExtension_MatchesDotNetsIdentifier()
        {
            // .NET (like Windows CAPI) derives the identifier from the whole SubjectPublicKeyInfo when there is no extension.
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune, SubjectIdentifierType.SubjectKeyIdentifier));

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "ski.p7m");

            Assert.NotNull(token.RecipientSubjectKeyIdentifier);
            Assert.Equal(IntuneKey.CapiKeyIdentifier, token.RecipientSubjectKeyIdentifier);
            Assert.True(token.MatchesRecipient(IntuneKey, out string reason));
            Assert.Contains("SubjectPublicKeyInfo", reason);
        }

        [Fact]
        public void WrongRecipient_IsMismatchNamingBothSides()
        {
            X509Certificate2 other = RenewalTestData.Other;
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(other));
            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "other.p7m");

            Assert.False(token.MatchesRecipient(IntuneKey, out string reason));
            Assert.Equal(RecipientMatch.Mismatch, token.CheckRecipient(IntuneKey, out _));
            Assert.Contains(other.Issuer, reason);
            Assert.Contains(other.SerialNumber, reason);
            Assert.Contains(Intune.SerialNumber, reason);

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => token.EnsureMatchesRecipient(IntuneKey));
            Assert.Equal(ServerTokenErrorIds.TokenRecipientMismatch, ex.ErrorId);
            Assert.Equal("other.p7m", ex.Target);
            Assert.Contains(other.Issuer, ex.Message);
            Assert.Contains(Intune.Issuer, ex.Message);
            Assert.Contains("MDM Servers", ex.RecommendedAction);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message, ex.RecommendedAction, reason, token.ToString());
        }

        [Fact]
        public void WrongSkiRecipient_IsMismatch()
        {
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(RenewalTestData.WithSki, SubjectIdentifierType.SubjectKeyIdentifier));
            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "ski.p7m");

            Assert.Equal(RecipientMatch.Mismatch, token.CheckRecipient(IntuneKey, out string reason));
            Assert.Contains(token.RecipientSubjectKeyIdentifier!, reason);
        }

        [Fact]
        public void SeveralRecipients_MatchesWhenAnyIsTheKey()
        {
            string smime = RenewalTestData.Smime(RenewalTestData.EncryptToMany(RenewalTestData.Other, Intune));

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "two.p7m");

            Assert.Equal(2, token.Recipients.Count);
            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void SerialNumberComparison_IgnoresLeadingZeros()
        {
            ServerTokenFile token = ServerTokenFile.Parse(RenewalTestData.Encrypt(Intune), "der");
            ServerTokenRecipient recipient = Assert.Single(token.Recipients);

            Assert.True(recipient.SerialNumberEquals("00" + Intune.SerialNumber.ToLowerInvariant()));
            Assert.False(recipient.SerialNumberEquals("01" + Intune.SerialNumber));
            Assert.False(recipient.SerialNumberEquals(null));
        }

        [Fact]
        public void ToString_DescribesWithoutContent()
        {
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune));
            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "Contoso_Token_smime.p7m");

            string text = token.ToString();

            Assert.Contains("Contoso_Token_smime.p7m", text);
            Assert.Contains("AES-256-CBC", text);
            Assert.Contains(Intune.SerialNumber, text);
            Assert.DoesNotContain(token.TextForUpload, text);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), text, token.Recipients[0].ToString());
        }

        [Fact]
        public void TamperedCiphertext_StillParses()
        {
            // Bytes inside the encrypted content are opaque here, so only Intune's decryption can notice the change.
            byte[] der = RenewalTestData.Encrypt(Intune);
            der[der.Length - 5] ^= 0xFF;
            string smime = RenewalTestData.Smime(der);

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "tampered.p7m");

            Assert.True(token.MatchesRecipient(IntuneKey, out _));
        }

        [Fact]
        public void TamperedBase64CharacterNearEnd_StillParses()
        {
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune));
            int index = smime.TrimEnd().Length - 30;
            while (!char.IsLetterOrDigit(smime[index]))
            {
                index--;
            }

            char replacement = smime[index] == 'A' ? 'B' : 'A';
            string tampered = smime.Substring(0, index) + replacement + smime.Substring(index + 1);

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(tampered), "tampered.p7m");

            Assert.Equal(Intune.SerialNumber, token.RecipientSerialNumber);
        }

        [Fact]
        public void TamperedSerialNumber_ParsesButIsMismatch()
        {
            byte[] der = RenewalTestData.Encrypt(Intune);
            byte[] serial = Convert.FromHexString(Intune.SerialNumber);
            int at = RenewalTestData.IndexOf(der, serial);
            Assert.True(at > 0);
            der[at + serial.Length - 1] ^= 0x01;
            string smime = RenewalTestData.Smime(der);

            ServerTokenFile token = ServerTokenFile.Parse(Encoding.ASCII.GetBytes(smime), "tampered.p7m");

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => token.EnsureMatchesRecipient(IntuneKey));
            Assert.Equal(ServerTokenErrorIds.TokenRecipientMismatch, ex.ErrorId);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message);
        }
    }
}
