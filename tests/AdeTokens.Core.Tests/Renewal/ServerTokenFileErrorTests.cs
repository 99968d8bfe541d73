using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AdeTokens.Renewal;
using Xunit;

namespace AdeTokens.Tests.Renewal
{
    public class ServerTokenFileErrorTests
    {
        private static X509Certificate2 Intune => RenewalTestData.Intune;

        private static string GoodSmime() => RenewalTestData.Smime(RenewalTestData.Encrypt(Intune));

        [Fact]
        public void ErrorIds_AreStable()
        {
            string[] ids = typeof(ServerTokenErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (string)f.GetRawConstantValue()!)
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();

            Assert.Equal(
                new[]
                {
                    "PublicKeyUnreadable", "TokenFileEmpty", "TokenFileNotEnvelopedData", "TokenFileNotFound", "TokenFileNotSmime",
                    "TokenFileTooLarge", "TokenFileTruncated", "TokenFileUnreadable", "TokenRecipientMismatch", "TokenRecipientUnconfirmed",
                },
                ids);
        }

        [Fact]
        public void Empty_Bytes()
        {
            ServerTokenException ex = RenewalTestData.ParseFails(Array.Empty<byte>(), ServerTokenErrorIds.TokenFileEmpty);
            Assert.Contains("Download Token", ex.RecommendedAction);
            Assert.Equal("test.p7m", ex.Target);
        }

        [Theory]
        [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
        [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x09, 0x0A })]
        public void Empty_BomOrWhitespaceOnly(byte[] content)
        {
            RenewalTestData.ParseFails(content, ServerTokenErrorIds.TokenFileEmpty);
        }

        [Fact]
        public void Empty_File()
        {
            using var temp = new RenewalTempFolder();
            string path = temp.File("empty_smime.p7m");
            File.WriteAllBytes(path, Array.Empty<byte>());

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load(path));

            Assert.Equal(ServerTokenErrorIds.TokenFileEmpty, ex.ErrorId);
            Assert.Equal(Path.GetFullPath(path), ex.Target);
        }

        [Fact]
        public void TooLarge_StatesLimitAndSize()
        {
            using var temp = new RenewalTempFolder();
            string path = temp.File("token_smime.p7m");
            string smime = GoodSmime();
            File.WriteAllText(path, smime);
            long size = new FileInfo(path).Length;

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load(path, maxBytes: 100));

            Assert.Equal(ServerTokenErrorIds.TokenFileTooLarge, ex.ErrorId);
            Assert.Contains("100-byte limit", ex.Message);
            Assert.Contains(size.ToString("N0", CultureInfo.InvariantCulture) + " bytes", ex.Message);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message, ex.RecommendedAction);
        }

        [Fact]
        public void TooLarge_DefaultLimit()
        {
            using var temp = new RenewalTempFolder();
            string path = temp.File("big.p7m");
            File.WriteAllBytes(path, new byte[ServerTokenFile.DefaultMaxBytes + 1]);

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load(path));

            Assert.Equal(ServerTokenErrorIds.TokenFileTooLarge, ex.ErrorId);
            Assert.Contains("65,536-byte limit", ex.Message);
        }

        [Fact]
        public void MissingFile()
        {
            using var temp = new RenewalTempFolder();
            string path = temp.File("Contoso_Token_smime.p7m");

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load(path));

            Assert.Equal(ServerTokenErrorIds.TokenFileNotFound, ex.ErrorId);
            Assert.Contains(path, ex.Message);
            Assert.Equal(Path.GetFullPath(path), ex.Target);
            Assert.Contains("_Token_", ex.RecommendedAction);
        }

        [Fact]
        public void MissingFolder()
        {
            using var temp = new RenewalTempFolder();
            string path = Path.Combine(temp.Path, "no-such-folder", "x_smime.p7m");

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load(path));

            Assert.Equal(ServerTokenErrorIds.TokenFileNotFound, ex.ErrorId);
            Assert.Contains("folder", ex.Message);
        }

        [Fact]
        public void PathIsAFolder()
        {
            using var temp = new RenewalTempFolder();

            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load(temp.Path));

            Assert.Equal(ServerTokenErrorIds.TokenFileNotFound, ex.ErrorId);
            Assert.Contains("is a folder", ex.Message);
        }

        [Fact]
        public void BlankPath()
        {
            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Load("  "));
            Assert.Equal(ServerTokenErrorIds.TokenFileNotFound, ex.ErrorId);
        }

        [Fact]
        public void NotSmime_PlainTextFile()
        {
            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes("Hello,\r\nthese are my notes about the renewal.\r\n"), ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("no MIME headers", ex.Message);
        }

        [Fact]
        public void NotSmime_HeadersWithNonBase64Body_SaysHeadersWerePresent()
        {
            string text = "Content-Type: text/plain\r\nContent-Transfer-Encoding: 7bit\r\n\r\nHello, this is not base64!\r\n";

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(text), ServerTokenErrorIds.TokenFileNotSmime);

            Assert.Contains("has MIME headers (Content-Type: text/plain)", ex.Message);
            Assert.Contains("is a plain text file", ex.Message);
            Assert.DoesNotContain("CMS", ex.Message);
        }

        [Fact]
        public void NotSmime_PlainTextNoteIsDescribedAsText()
        {
            // Letters and spaces only: every character is a base64 character, but it is a note, not base64.
            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes("Renew the token before the end of the month\nthanks\n"), ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("is a plain text file", ex.Message);
            Assert.DoesNotContain("base64 content", ex.Message);
            Assert.Contains("downloads folder", ex.RecommendedAction);
            Assert.Contains("invalidates", ex.RecommendedAction);
        }

        [Fact]
        public void NotSmime_PemCertificate()
        {
            string pem = Intune.ExportCertificatePem();

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(pem), ServerTokenErrorIds.TokenFileNotSmime);

            Assert.Contains("PEM certificate", ex.Message);
            Assert.Contains("no MIME headers", ex.Message);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(pem.Replace("-----BEGIN CERTIFICATE-----", string.Empty)), ex.Message);
        }

        [Fact]
        public void NotSmime_DecryptedJson()
        {
            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.UTF8.GetBytes(RenewalTestData.TokenJson), ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("JSON", ex.Message);
            Assert.DoesNotContain("CK_", ex.Message);
        }

        [Fact]
        public void NotSmime_BinaryNotDer()
        {
            byte[] bytes = new byte[600];
            new Random(7).NextBytes(bytes);
            bytes[0] = 0x89; // PNG-like

            ServerTokenException ex = RenewalTestData.ParseFails(bytes, ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("binary", ex.Message);
        }

        [Fact]
        public void NotSmime_Utf16Resave()
        {
            byte[] utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(GoodSmime())).ToArray();

            ServerTokenException ex = RenewalTestData.ParseFails(utf16, ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("UTF-16", ex.Message);
        }

        [Fact]
        public void NotSmime_Base64OfSomethingElse()
        {
            string b64 = Convert.ToBase64String(Encoding.ASCII.GetBytes("just some words, definitely not ASN.1 at all"));
            RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(b64), ServerTokenErrorIds.TokenFileNotSmime);
        }

        [Fact]
        public void NotSmime_Asn1ButNotCms()
        {
            // A DER certificate and an AlgorithmIdentifier: valid ASN.1, wrong thing.
            string cert = RenewalTestData.Smime(Intune.RawData);
            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(cert), ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("has MIME headers", ex.Message);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(cert), ex.Message);

            byte[] algId = Convert.FromHexString("300D06092A864886F70D0101010500");
            ServerTokenException ex2 = RenewalTestData.ParseFails(algId, ServerTokenErrorIds.TokenFileNotSmime);
            Assert.Contains("1.2.840.113549.1.1.1", ex2.Message);
        }

        [Fact]
        public void NotSmime_FirstBase64CharacterFlipped()
        {
            string smime = GoodSmime();
            string body = RenewalTestData.BodyOf(smime);
            string tampered = smime.Substring(0, smime.Length - body.Length) + "A" + body.Substring(1);

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(tampered), ServerTokenErrorIds.TokenFileNotSmime);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message, ex.RecommendedAction);
        }

        [Fact]
        public void NotEnvelopedData_SignedData()
        {
            using X509Certificate2 signer = RenewalTestData.CreateCertificate("CN=Signer", ski: false);
            var signed = new SignedCms(new ContentInfo(Encoding.ASCII.GetBytes(RenewalTestData.TokenJson)));
            signed.ComputeSignature(new CmsSigner(signer));
            string smime = RenewalTestData.Smime(signed.Encode(), smimeType: "signed-data");

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(smime), ServerTokenErrorIds.TokenFileNotEnvelopedData);

            Assert.Contains("signed-data", ex.Message);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message, ex.RecommendedAction);

            // Cut in half it is still recognisably signed-data, which is the more useful report.
            byte[] der = signed.Encode();
            RenewalTestData.ParseFails(der.Take(der.Length / 2).ToArray(), ServerTokenErrorIds.TokenFileNotEnvelopedData);
        }

        [Fact]
        public void NotEnvelopedData_PlainDataContentInfo()
        {
            // ContentInfo { id-data, [0] OCTET STRING "hi" }
            byte[] der = Convert.FromHexString("301206092A864886F70D010701A0050403686921");

            ServerTokenException ex = RenewalTestData.ParseFails(der, ServerTokenErrorIds.TokenFileNotEnvelopedData);
            Assert.Contains("CMS data message", ex.Message);
        }

        [Theory]
        [InlineData("\r\n")]
        [InlineData("\n")]
        public void Truncated_Base64CutInHalf(string newline)
        {
            string smime = RenewalTestData.Smime(RenewalTestData.Encrypt(Intune), newline);
            string body = RenewalTestData.BodyOf(smime);
            string cut = smime.Substring(0, smime.Length - body.Length / 2);

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(cut), ServerTokenErrorIds.TokenFileTruncated);

            Assert.Contains("cut off", ex.Message);
            Assert.Contains("Download Token", ex.RecommendedAction);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message, ex.RecommendedAction);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(cut), ex.Message, ex.RecommendedAction);
        }

        [Fact]
        public void Truncated_Base64CutMidQuantum()
        {
            string b64 = Convert.ToBase64String(RenewalTestData.Encrypt(Intune));
            string cut = b64.Substring(0, (b64.Length / 2) + 1);

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(cut), ServerTokenErrorIds.TokenFileTruncated);
            Assert.Contains("mid-group", ex.Message);
        }

        [Fact]
        public void Truncated_DerCutInHalf()
        {
            byte[] der = RenewalTestData.Encrypt(Intune);
            RenewalTestData.ParseFails(der.Take(der.Length / 2).ToArray(), ServerTokenErrorIds.TokenFileTruncated);
        }

        [Fact]
        public void Truncated_IndefiniteLengthBerCutInHalf()
        {
            string smime = RenewalTestData.Smime(RenewalTestData.IndefiniteLengthBer(Intune));
            string cut = smime.Substring(0, smime.Length / 2);

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(cut), ServerTokenErrorIds.TokenFileTruncated);
            Assert.Contains("cut off", ex.Message);
        }

        [Fact]
        public void Truncated_OnlyHeaders()
        {
            string smime = GoodSmime();
            string headers = smime.Substring(0, smime.Length - RenewalTestData.BodyOf(smime).Length);

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(headers), ServerTokenErrorIds.TokenFileTruncated);
            Assert.Contains("MIME headers", ex.Message);
        }

        [Fact]
        public void Truncated_OnlyFirstBase64Quantum()
        {
            RenewalTestData.ParseFails(Encoding.ASCII.GetBytes("MIIB"), ServerTokenErrorIds.TokenFileTruncated);
        }

        [Fact]
        public void Damaged_InnerLengthInconsistent()
        {
            byte[] der = RenewalTestData.Encrypt(Intune);
            // ContentInfo 30 82 LL LL | 06 09 <9> | A0 82 LL LL | EnvelopedData 30 82 LL LL: shrink EnvelopedData by one.
            Assert.Equal(0x30, der[19]);
            Assert.Equal(0x82, der[20]);
            int length = (der[21] << 8) | der[22];
            length--;
            der[21] = (byte)(length >> 8);
            der[22] = (byte)length;
            string smime = RenewalTestData.Smime(der);

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(smime), ServerTokenErrorIds.TokenFileTruncated);

            Assert.Contains("damaged", ex.Message);
            Assert.Contains("altered", ex.RecommendedAction);
            RenewalTestData.AssertNoLeak(RenewalTestData.Snippet(smime), ex.Message, ex.RecommendedAction);
        }

        [Fact]
        public void Damaged_FieldTypeChanged()
        {
            byte[] der = RenewalTestData.Encrypt(Intune);
            // EnvelopedData version INTEGER (02 01 00) right after the EnvelopedData header becomes an OCTET STRING.
            Assert.Equal(0x02, der[23]);
            der[23] = 0x04;

            ServerTokenException ex = RenewalTestData.ParseFails(Encoding.ASCII.GetBytes(RenewalTestData.Smime(der)), ServerTokenErrorIds.TokenFileTruncated);
            Assert.Contains("wrong type", ex.Message);
        }

        [Fact]
        public void Damaged_TrailingGarbage()
        {
            byte[] der = RenewalTestData.Concat(RenewalTestData.Encrypt(Intune), new byte[] { 0x30, 0x00, 0x01, 0x02 });

            ServerTokenException ex = RenewalTestData.ParseFails(der, ServerTokenErrorIds.TokenFileTruncated);
            Assert.Contains("extra data", ex.Message);
        }

        [Fact]
        public void RandomCorruptionAndEveryTruncation_OnlyEverThrowServerTokenException()
        {
            // Whatever happens to the bytes, callers must get a ServerTokenException with an id, never a raw parser exception.
            byte[] der = RenewalTestData.Encrypt(Intune);
            byte[] ber = RenewalTestData.IndefiniteLengthBer(Intune);
            var random = new Random(12345);
            int parsed = 0;
            foreach (byte[] original in new[] { der, ber })
            {
                for (int i = 0; i < 1500; i++)
                {
                    byte[] copy = (byte[])original.Clone();
                    int flips = 1 + random.Next(3);
                    for (int f = 0; f < flips; f++)
                    {
                        copy[random.Next(Math.Min(copy.Length, 120))] = (byte)random.Next(256);
                    }

                    parsed += TryParse(copy) ? 1 : 0;
                    parsed += TryParse(Encoding.ASCII.GetBytes(RenewalTestData.Smime(copy))) ? 1 : 0;
                }

                for (int length = 1; length < original.Length; length++)
                {
                    Assert.False(TryParse(original.Take(length).ToArray()));
                }
            }

            Assert.True(parsed > 0);
        }

        private static bool TryParse(byte[] content)
        {
            try
            {
                ServerTokenFile.Parse(content, "fuzz");
                return true;
            }
            catch (ServerTokenException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.ErrorId));
                return false;
            }
        }

        [Fact]
        public void ArgumentChecks()
        {
            Assert.Throws<ArgumentNullException>(() => ServerTokenFile.Parse(null!, "x"));
            Assert.Throws<ArgumentNullException>(() => ServerTokenFile.Parse(Array.Empty<byte>(), null!));
            Assert.Throws<ArgumentNullException>(() => ServerTokenFile.Load(null!));
            Assert.Throws<ArgumentOutOfRangeException>(() => ServerTokenFile.Load("x.p7m", 0));
        }
    }
}
