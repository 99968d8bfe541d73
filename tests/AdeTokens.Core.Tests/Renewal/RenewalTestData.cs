using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AdeTokens.Renewal;
using Xunit;

namespace AdeTokens.Tests.Renewal
{
    /// <summary>
    /// Everything is generated at test time: certificates stand in for Intune's token key and Apple's encryption
    /// mimics what Apple Business Manager produces, so no real token or key is ever checked in.
    /// </summary>
    internal static class RenewalTestData
    {
        private static readonly Lazy<X509Certificate2> IntuneLazy = new Lazy<X509Certificate2>(() => CreateCertificate("CN=Intune DEP Token Test, O=Contoso", ski: false));
        private static readonly Lazy<X509Certificate2> OtherLazy = new Lazy<X509Certificate2>(() => CreateCertificate("CN=Other MDM Server, O=Fabrikam", ski: false));
        private static readonly Lazy<X509Certificate2> SkiLazy = new Lazy<X509Certificate2>(() => CreateCertificate("CN=Intune DEP Token With SKI, O=Contoso", ski: true));

        /// <summary>The "Intune" key Apple encrypts the token to; no SKI extension.</summary>
        public static X509Certificate2 Intune => IntuneLazy.Value;

        /// <summary>Another MDM server's key.</summary>
        public static X509Certificate2 Other => OtherLazy.Value;

        /// <summary>A certificate with a Subject Key Identifier extension (RFC 5280 method 1).</summary>
        public static X509Certificate2 WithSki => SkiLazy.Value;

        public const string TokenJson =
            "{\"consumer_key\":\"CK_3a7c0f2e9b1d4c5a8e6f7b2d1c0a9e8f7d6c5b4a3e2f1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5\","
            + "\"consumer_secret\":\"CS_5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a\","
            + "\"access_token\":\"AT_O8473465541O1696342587O2a6a1b4e9c8d7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0\","
            + "\"access_secret\":\"AS_2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0\","
            + "\"access_token_expiry\":\"2026-11-04T10:21:55Z\"}";

        /// <summary>Apple wraps the JSON in a small MIME part with BEGIN/END MESSAGE lines before encrypting it.</summary>
        public static byte[] InnerMessage =>
            Encoding.ASCII.GetBytes("Content-Type: text/plain;charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n-----BEGIN MESSAGE-----\r\n" + TokenJson + "\r\n-----END MESSAGE-----\r\n");

        /// <summary>
        /// A self-signed RSA certificate with its private key, made by openssl rather than CertificateRequest: Mono,
        /// which runs the net472 build, has no CertificateRequest, and openssl is an issuer independent of .NET.
        /// </summary>
        /// <param name="subject">.NET form, e.g. "CN=Name, O=Org".</param>
        /// <param name="ski">Whether to add a Subject Key Identifier extension (RFC 5280 method 1).</param>
        public static X509Certificate2 CreateCertificate(string subject, bool ski)
        {
            // openssl -subj lists RDNs in encoding order; .NET shows them last first.
            string opensslSubject = "/" + string.Join("/", subject.Split(',').Select(part => part.Trim()).Reverse());
            using var temp = new RenewalTempFolder();
            Openssl.Run(temp.Path, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", opensslSubject,
                "-addext", ski ? "subjectKeyIdentifier=hash" : "subjectKeyIdentifier=none", "-keyout", "key.pem", "-out", "cert.pem");

            // 3DES and SHA-1 in the PFX: the algorithms every runtime here reads, Mono's included.
            Openssl.Run(temp.Path, "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "cert.pfx", "-passout", "pass:test",
                "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1");
            byte[] pfx = File.ReadAllBytes(temp.File("cert.pfx"));
#if NET9_0_OR_GREATER
            return X509CertificateLoader.LoadPkcs12(pfx, "test", X509KeyStorageFlags.Exportable);
#else
            return new X509Certificate2(pfx, "test", X509KeyStorageFlags.Exportable);
#endif
        }

        /// <summary>DER CMS EnvelopedData over Apple's inner message, encrypted with AES-256-CBC.</summary>
        public static byte[] Encrypt(X509Certificate2 recipient, SubjectIdentifierType type = SubjectIdentifierType.IssuerAndSerialNumber)
        {
            var cms = new EnvelopedCms(new ContentInfo(InnerMessage), new AlgorithmIdentifier(new Oid("2.16.840.1.101.3.4.1.42")));
            cms.Encrypt(new CmsRecipient(type, recipient));
            return cms.Encode();
        }

        public static byte[] EncryptToMany(params X509Certificate2[] recipients)
        {
            var cms = new EnvelopedCms(new ContentInfo(InnerMessage), new AlgorithmIdentifier(new Oid("2.16.840.1.101.3.4.1.42")));
            var collection = new CmsRecipientCollection();
            foreach (X509Certificate2 cert in recipients)
            {
                collection.Add(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, cert));
            }

            cms.Encrypt(collection);
            return cms.Encode();
        }

        public static string Wrap76(string base64, string newline)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < base64.Length; i += 76)
            {
                sb.Append(base64, i, Math.Min(76, base64.Length - i)).Append(newline);
            }

            return sb.ToString();
        }

        /// <summary>An S/MIME message shaped like Apple's download: headers, a blank line, 76-character base64 lines.</summary>
        public static string Smime(byte[] der, string newline = "\r\n", string smimeType = "enveloped-data")
        {
            return "MIME-Version: 1.0" + newline
                + "Content-Disposition: attachment; filename=\"smime.p7m\"" + newline
                + "Content-Type: application/pkcs7-mime; smime-type=" + smimeType + ";" + newline
                + "\tname=\"smime.p7m\"" + newline
                + "Content-Transfer-Encoding: base64" + newline
                + newline
                + Wrap76(Convert.ToBase64String(der), newline);
        }

        /// <summary>The base64 body's lines, without headers.</summary>
        public static string BodyOf(string smime)
        {
            int blank = smime.IndexOf("\n\n", StringComparison.Ordinal);
            int blankCrLf = smime.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (blankCrLf >= 0 && (blank < 0 || blankCrLf < blank))
            {
                return smime.Substring(blankCrLf + 4);
            }

            return blank >= 0 ? smime.Substring(blank + 2) : smime;
        }

        /// <summary>A 20-character run from the middle of the base64 body, to prove it never leaks.</summary>
        public static string Snippet(string smimeOrBase64)
        {
            string flat = BodyOf(smimeOrBase64).Replace("\r", string.Empty).Replace("\n", string.Empty);
            return flat.Substring(flat.Length / 3, 20);
        }

        /// <summary>
        /// CMS enveloped data for <paramref name="recipient"/> with indefinite lengths, the way Apple's tokens are
        /// encoded, made by openssl's streaming encoder rather than by re-encoding our own output.
        /// </summary>
        public static byte[] IndefiniteLengthBer(X509Certificate2 recipient)
        {
            using var temp = new RenewalTempFolder();
            File.WriteAllText(temp.File("cert.pem"), recipient.ExportCertificatePem());
            File.WriteAllBytes(temp.File("inner.txt"), InnerMessage);
            Openssl.Run(temp.Path, "cms", "-encrypt", "-stream", "-binary", "-aes256", "-outform", "DER", "-in", "inner.txt", "-out", "token.der", "cert.pem");
            byte[] ber = File.ReadAllBytes(temp.File("token.der"));
            Assert.Equal(new byte[] { 0x30, 0x80 }, ber.Take(2).ToArray());
            return ber;
        }

        public static byte[] Concat(byte[] first, byte[] second)
        {
            var result = new byte[first.Length + second.Length];
            Buffer.BlockCopy(first, 0, result, 0, first.Length);
            Buffer.BlockCopy(second, 0, result, first.Length, second.Length);
            return result;
        }

        /// <summary>Finds the first occurrence of <paramref name="needle"/> in <paramref name="haystack"/>.</summary>
        public static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                bool match = true;
                for (int j = 0; j < needle.Length && match; j++)
                {
                    match = haystack[i + j] == needle[j];
                }

                if (match)
                {
                    return i;
                }
            }

            return -1;
        }

        public static ServerTokenException ParseFails(byte[] content, string expectedErrorId)
        {
            ServerTokenException ex = Assert.Throws<ServerTokenException>(() => ServerTokenFile.Parse(content, "test.p7m"));
            Assert.Equal(expectedErrorId, ex.ErrorId);
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction));
            return ex;
        }

        public static void AssertNoLeak(string snippet, params string?[] texts)
        {
            Assert.Equal(20, snippet.Length);
            foreach (string? text in texts)
            {
                Assert.NotNull(text);
                Assert.DoesNotContain(snippet, text!, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>A scratch folder deleted after the test.</summary>
    internal sealed class RenewalTempFolder : IDisposable
    {
        public RenewalTempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "adetokens-renewal-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder must not fail the test.
            }
        }
    }

    /// <summary>
    /// Runs the openssl command-line tool, an independent CMS encoder. It is a declared test dependency that
    /// build.ps1 -Task Test installs, so its absence fails the test rather than skipping it.
    /// </summary>
    internal static class Openssl
    {
        private static readonly Lazy<string?> PathLazy = new Lazy<string?>(Find);

        public static string Executable => PathLazy.Value
            ?? throw new InvalidOperationException("openssl is not on PATH. It is a declared test dependency: build.ps1 -Task Test installs it (Debian package openssl); install it and run the tests again.");

        public static void Run(string workingDirectory, params string[] arguments)
        {
            var start = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using (Process process = Process.Start(start)!)
            {
                string stderr = process.StandardError.ReadToEnd();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, "openssl " + string.Join(" ", arguments) + " failed: " + stderr);
            }
        }

        private static string? Find()
        {
            string name = OperatingSystem.IsWindows() ? "openssl.exe" : "openssl";
            foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
            {
                if (dir.Length == 0)
                {
                    continue;
                }

                string candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
