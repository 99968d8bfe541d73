#if NETFRAMEWORK
// The tests build their certificates, keys and processes with .NET 5+ conveniences. The net472 build (run under
// Mono by build.ps1) gets the same members here, so every test file compiles unchanged for both targets and the
// code under test is the only thing that differs. None of this is shipped.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Formats.Asn1;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Tests
{
    internal static class NetFrameworkPolyfills
    {
        extension(Convert)
        {
            public static byte[] FromHexString(string hex)
            {
                if (hex.Length % 2 != 0) throw new FormatException("Odd number of hex digits.");
                var bytes = new byte[hex.Length / 2];
                for (int i = 0; i < bytes.Length; i++) bytes[i] = System.Convert.ToByte(hex.Substring(i * 2, 2), 16);
                return bytes;
            }

            public static string ToHexString(byte[] bytes)
            {
                var sb = new StringBuilder(bytes.Length * 2);
                foreach (var b in bytes) sb.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        extension(SHA1)
        {
            public static byte[] HashData(byte[] data)
            {
                using var sha = SHA1.Create();
                return sha.ComputeHash(data);
            }
        }

        extension(OperatingSystem)
        {
            public static bool IsWindows() => Environment.OSVersion.Platform == PlatformID.Win32NT;
        }

        extension(ProcessStartInfo start)
        {
            public ArgumentAppender ArgumentList => new ArgumentAppender(start);
        }

        public static void Kill(this Process process, bool entireProcessTree)
        {
            _ = entireProcessTree;
            process.Kill();
        }

        public static Task<string> ReadAsStringAsync(this HttpContent content, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return content.ReadAsStringAsync();
        }

        public static string ExportCertificatePem(this X509Certificate2 certificate) => PemEncoding.WriteString("CERTIFICATE", certificate.RawData);

        public static byte[] ExportSubjectPublicKeyInfo(this PublicKey key)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(key.Oid.Value!);
                    var parameters = key.EncodedParameters?.RawData;
                    if (parameters != null && parameters.Length > 0) w.WriteEncodedValue(parameters);
                }
                w.WriteBitString(key.EncodedKeyValue.RawData);
            }
            return w.Encode();
        }

        public static byte[] ExportRSAPublicKey(this RSA rsa)
        {
            var p = rsa.ExportParameters(false);
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteIntegerUnsigned(p.Modulus);
                w.WriteIntegerUnsigned(p.Exponent);
            }
            return w.Encode();
        }

        // RSAParameters pads D, DP, DQ and InverseQ to a fixed length, so about one key in sixty has a leading zero byte
        // there; DER (and AsnWriter) wants the shortest big-endian form.
        private static byte[] Minimal(byte[] value)
        {
            var i = 0;
            while (i < value.Length - 1 && value[i] == 0) i++;
            if (i == 0) return value;
            var trimmed = new byte[value.Length - i];
            Array.Copy(value, i, trimmed, 0, trimmed.Length);
            return trimmed;
        }

        public static string ExportPkcs8PrivateKeyPem(this RSA rsa)
        {
            var p = rsa.ExportParameters(true);
            var key = new AsnWriter(AsnEncodingRules.DER);
            using (key.PushSequence())
            {
                key.WriteInteger(0);
                foreach (var part in new[] { p.Modulus, p.Exponent, p.D, p.P, p.Q, p.DP, p.DQ, p.InverseQ }) key.WriteIntegerUnsigned(Minimal(part));
            }
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteInteger(0);
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                    w.WriteNull();
                }
                w.WriteOctetString(key.Encode());
            }
            return PemEncoding.WriteString("PRIVATE KEY", w.Encode());
        }
    }

    /// <summary>ProcessStartInfo.ArgumentList for .NET Framework: each argument is quoted the way the C runtime splits them.</summary>
    internal sealed class ArgumentAppender
    {
        private readonly ProcessStartInfo _start;

        public ArgumentAppender(ProcessStartInfo start) => _start = start;

        public void Add(string argument)
        {
            var quoted = argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '"' }) < 0 ? argument : "\"" + argument.Replace("\\\"", "\\\\\"").Replace("\"", "\\\"") + "\"";
            _start.Arguments = _start.Arguments.Length == 0 ? quoted : _start.Arguments + " " + quoted;
        }
    }

    /// <summary>PemEncoding for .NET Framework (the Pkcs package keeps its own copy internal).</summary>
    internal static class PemEncoding
    {
        public static string WriteString(string label, byte[] data)
        {
            var b64 = System.Convert.ToBase64String(data);
            var sb = new StringBuilder();
            sb.Append("-----BEGIN ").Append(label).Append("-----\n");
            for (int i = 0; i < b64.Length; i += 64) sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
            sb.Append("-----END ").Append(label).Append("-----");
            return sb.ToString();
        }

        public static string WriteString(string label, ReadOnlySpan<byte> data) => WriteString(label, data.ToArray());
    }
}
#endif
