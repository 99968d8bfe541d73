using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace AdeTokens.Renewal
{
    /// <summary>Shared text, base64 and ASN.1 helpers for the renewal types.</summary>
    internal static class RenewalEncoding
    {
        internal const string OidRsaEncryption = "1.2.840.113549.1.1.1";

        // CMS / PKCS #7 content types, named so error messages can say what the file actually is.
        private static readonly Dictionary<string, string> ContentTypeNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["1.2.840.113549.1.7.1"] = "data",
            ["1.2.840.113549.1.7.2"] = "signed-data",
            ["1.2.840.113549.1.7.3"] = "enveloped-data",
            ["1.2.840.113549.1.7.4"] = "signed-and-enveloped-data",
            ["1.2.840.113549.1.7.5"] = "digested-data",
            ["1.2.840.113549.1.7.6"] = "encrypted-data",
            ["1.2.840.113549.1.9.16.1.2"] = "authenticated-data",
            ["1.2.840.113549.1.9.16.1.9"] = "compressed-data",
            ["1.2.840.113549.1.9.16.1.23"] = "authenticated-enveloped-data",
        };

        // Oid.FriendlyName differs between Windows CAPI, OpenSSL and .NET versions, so the names are fixed here.
        private static readonly Dictionary<string, string> AlgorithmNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["2.16.840.1.101.3.4.1.2"] = "AES-128-CBC",
            ["2.16.840.1.101.3.4.1.22"] = "AES-192-CBC",
            ["2.16.840.1.101.3.4.1.42"] = "AES-256-CBC",
            ["2.16.840.1.101.3.4.1.6"] = "AES-128-GCM",
            ["2.16.840.1.101.3.4.1.26"] = "AES-192-GCM",
            ["2.16.840.1.101.3.4.1.46"] = "AES-256-GCM",
            ["1.2.840.113549.3.7"] = "3DES-CBC",
            ["1.2.840.113549.3.2"] = "RC2-CBC",
            ["1.2.840.113549.3.4"] = "RC4",
            ["1.3.14.3.2.7"] = "DES-CBC",
            [OidRsaEncryption] = "RSA",
            ["1.2.840.113549.1.1.7"] = "RSA-OAEP",
            ["1.2.840.10045.2.1"] = "EC",
            ["1.3.101.110"] = "X25519",
            ["1.3.101.112"] = "Ed25519",
        };

        internal static bool IsCmsContentType(string oid) =>
            ContentTypeNames.ContainsKey(oid)
            || oid.StartsWith("1.2.840.113549.1.7.", StringComparison.Ordinal)
            || oid.StartsWith("1.2.840.113549.1.9.16.1.", StringComparison.Ordinal);

        internal static string ContentTypeName(string oid) =>
            ContentTypeNames.TryGetValue(oid, out string? name) ? name : oid;

        internal static string AlgorithmName(string oid)
        {
            if (AlgorithmNames.TryGetValue(oid, out string? name))
            {
                return name;
            }

            try
            {
                string? friendly = new Oid(oid).FriendlyName;
                return string.IsNullOrEmpty(friendly) ? oid : friendly!;
            }
            catch (CryptographicException)
            {
                return oid;
            }
        }

        internal static string ToHex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes)
            {
                sb.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }

        /// <summary>Serial numbers are compared as numbers, so "00A1" (DER sign byte) equals "A1".</summary>
        internal static string NormalizeHexNumber(string? hex)
        {
            if (hex == null)
            {
                return string.Empty;
            }

            string trimmed = hex.Replace(" ", string.Empty).Replace(":", string.Empty).TrimStart('0').ToUpperInvariant();
            return trimmed.Length == 0 ? "0" : trimmed;
        }

        internal static byte[] Sha1(byte[] data)
        {
            using (SHA1 sha1 = SHA1.Create())
            {
                return sha1.ComputeHash(data);
            }
        }

        internal static bool IsBase64Char(char c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';

        internal static bool IsWhitespace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';

        internal enum Base64Outcome
        {
            Ok,
            Empty,
            InvalidCharacter,
            Incomplete,
        }

        /// <summary>
        /// Decodes base64 that may be line-wrapped. A body cut mid-quantum still yields the bytes decoded so far
        /// (flagged Incomplete), so a truncated download is reported as truncated rather than as "not base64".
        /// </summary>
        internal static Base64Outcome TryDecodeBase64(string text, out byte[] bytes)
        {
            bytes = Array.Empty<byte>();
            var sb = new StringBuilder(text.Length);
            int padding = 0;
            foreach (char c in text)
            {
                if (IsWhitespace(c))
                {
                    continue;
                }

                if (c == '=')
                {
                    padding++;
                    sb.Append(c);
                    continue;
                }

                if (!IsBase64Char(c) || padding > 0)
                {
                    return Base64Outcome.InvalidCharacter;
                }

                sb.Append(c);
            }

            if (padding > 2)
            {
                return Base64Outcome.InvalidCharacter;
            }

            if (sb.Length == 0)
            {
                return Base64Outcome.Empty;
            }

            Base64Outcome outcome = Base64Outcome.Ok;
            int remainder = sb.Length % 4;
            if (remainder != 0)
            {
                if (padding > 0)
                {
                    return Base64Outcome.InvalidCharacter;
                }

                outcome = Base64Outcome.Incomplete;
                sb.Length -= remainder;
            }

            try
            {
                bytes = Convert.FromBase64String(sb.ToString());
            }
            catch (FormatException)
            {
                return Base64Outcome.InvalidCharacter;
            }

            return outcome;
        }

        internal static string ToPem(string label, byte[] der)
        {
            string b64 = Convert.ToBase64String(der);
            var sb = new StringBuilder(b64.Length + (b64.Length / 64) + 64);
            sb.Append("-----BEGIN ").Append(label).Append("-----\n");
            for (int i = 0; i < b64.Length; i += 64)
            {
                sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
            }

            sb.Append("-----END ").Append(label).Append("-----\n");
            return sb.ToString();
        }

        internal enum TlvOutcome
        {
            Complete,
            EndsEarly,
            Malformed,
        }

        /// <summary>
        /// Walks BER tag-length-value structure without interpreting it. Apple's tokens use indefinite lengths,
        /// and the walk tells "the data stops before the structure does" (a cut-off file) apart from
        /// "the structure is inconsistent" (an altered file), which AsnReader's exceptions do not.
        /// </summary>
        internal static TlvOutcome WalkBer(byte[] data, out int end)
        {
            int pos = 0;
            TlvOutcome outcome = WalkElement(data, ref pos, data.Length, 0);
            end = pos;
            return outcome;
        }

        private static TlvOutcome WalkElement(byte[] data, ref int pos, int parentEnd, int depth)
        {
            if (depth > 64)
            {
                return TlvOutcome.Malformed;
            }

            int dataEnd = data.Length;
            if (pos >= dataEnd)
            {
                return TlvOutcome.EndsEarly;
            }

            if (pos >= parentEnd)
            {
                return TlvOutcome.Malformed;
            }

            byte tag = data[pos++];
            bool constructed = (tag & 0x20) != 0;
            if ((tag & 0x1F) == 0x1F)
            {
                int tagBytes = 0;
                while (true)
                {
                    if (pos >= dataEnd)
                    {
                        return TlvOutcome.EndsEarly;
                    }

                    byte b = data[pos++];
                    if (++tagBytes > 4)
                    {
                        return TlvOutcome.Malformed;
                    }

                    if ((b & 0x80) == 0)
                    {
                        break;
                    }
                }
            }

            if (pos >= dataEnd)
            {
                return TlvOutcome.EndsEarly;
            }

            byte first = data[pos++];
            if (first == 0x80)
            {
                if (!constructed)
                {
                    return TlvOutcome.Malformed;
                }

                while (true)
                {
                    if (pos + 2 > dataEnd)
                    {
                        return TlvOutcome.EndsEarly;
                    }

                    if (data[pos] == 0 && data[pos + 1] == 0)
                    {
                        pos += 2;
                        return pos > parentEnd ? TlvOutcome.Malformed : TlvOutcome.Complete;
                    }

                    TlvOutcome child = WalkElement(data, ref pos, parentEnd, depth + 1);
                    if (child != TlvOutcome.Complete)
                    {
                        return child;
                    }
                }
            }

            long length;
            if (first < 0x80)
            {
                length = first;
            }
            else
            {
                int count = first & 0x7F;
                if (count > 4 || first == 0xFF)
                {
                    return TlvOutcome.Malformed;
                }

                if (pos + count > dataEnd)
                {
                    return TlvOutcome.EndsEarly;
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | data[pos++];
                }
            }

            if (pos + length > dataEnd)
            {
                return TlvOutcome.EndsEarly;
            }

            if (pos + length > parentEnd)
            {
                return TlvOutcome.Malformed;
            }

            int contentEnd = (int)(pos + length);
            if (constructed)
            {
                while (pos < contentEnd)
                {
                    TlvOutcome child = WalkElement(data, ref pos, contentEnd, depth + 1);
                    if (child != TlvOutcome.Complete)
                    {
                        // Inside a definite length that fits in the data, running out means the lengths disagree.
                        return TlvOutcome.Malformed;
                    }
                }
            }

            pos = contentEnd;
            return TlvOutcome.Complete;
        }

        /// <summary>
        /// Re-encodes BER with definite, minimal lengths. Streaming encoders (Apple's included) may write the
        /// recipient's issuer Name with indefinite lengths, which would never equal the certificate's DER bytes.
        /// Input must already have passed <see cref="WalkBer"/>.
        /// </summary>
        internal static byte[] ToDefiniteLengths(byte[] ber)
        {
            var output = new System.IO.MemoryStream(ber.Length);
            int pos = 0;
            while (pos < ber.Length)
            {
                Reencode(ber, ref pos, output);
            }

            return output.ToArray();
        }

        private static void Reencode(byte[] data, ref int pos, System.IO.MemoryStream output)
        {
            int tagStart = pos;
            byte tag = data[pos++];
            if ((tag & 0x1F) == 0x1F)
            {
                while ((data[pos++] & 0x80) != 0)
                {
                }
            }

            int tagLength = pos - tagStart;
            byte first = data[pos++];
            bool constructed = (tag & 0x20) != 0;
            var content = new System.IO.MemoryStream();
            if (first == 0x80)
            {
                while (!(data[pos] == 0 && data[pos + 1] == 0))
                {
                    Reencode(data, ref pos, content);
                }

                pos += 2;
            }
            else
            {
                int length = first;
                if (first > 0x80)
                {
                    length = 0;
                    for (int i = 0, count = first & 0x7F; i < count; i++)
                    {
                        length = (length << 8) | data[pos++];
                    }
                }

                int end = pos + length;
                if (constructed)
                {
                    while (pos < end)
                    {
                        Reencode(data, ref pos, content);
                    }
                }
                else
                {
                    content.Write(data, pos, length);
                    pos = end;
                }
            }

            output.Write(data, tagStart, tagLength);
            long contentLength = content.Length;
            if (contentLength < 0x80)
            {
                output.WriteByte((byte)contentLength);
            }
            else
            {
                int bytes = contentLength > 0xFFFFFF ? 4 : contentLength > 0xFFFF ? 3 : contentLength > 0xFF ? 2 : 1;
                output.WriteByte((byte)(0x80 | bytes));
                for (int i = bytes - 1; i >= 0; i--)
                {
                    output.WriteByte((byte)(contentLength >> (8 * i)));
                }
            }

            content.Position = 0;
            content.CopyTo(output);
        }

        /// <summary>Reads the outer OID of a ContentInfo even when the rest of the data is missing.</summary>
        internal static bool TryPeekContentType(byte[] data, out string? oid, out bool endsEarly)
        {
            oid = null;
            endsEarly = false;
            int pos = 1;
            if (data.Length < 2 || data[0] != 0x30)
            {
                endsEarly = data.Length == 1 && data[0] == 0x30;
                return false;
            }

            byte first = data[pos++];
            if (first > 0x80)
            {
                pos += first & 0x7F;
            }

            if (pos + 2 > data.Length)
            {
                endsEarly = true;
                return false;
            }

            if (data[pos] != 0x06)
            {
                return false;
            }

            int len = data[pos + 1];
            if (len >= 0x80 || len == 0)
            {
                return false;
            }

            if (pos + 2 + len > data.Length)
            {
                endsEarly = true;
                return false;
            }

            try
            {
                var reader = new AsnReader(new ReadOnlyMemory<byte>(data, pos, 2 + len), AsnEncodingRules.BER);
                oid = reader.ReadObjectIdentifier();
                return true;
            }
            catch (AsnContentException)
            {
                return false;
            }
        }

        internal sealed class SpkiInfo
        {
            public SpkiInfo(byte[] encoded, string algorithmOid, byte[] keyBits)
            {
                Encoded = encoded;
                AlgorithmOid = algorithmOid;
                KeyBits = keyBits;
            }

            public byte[] Encoded { get; }

            public string AlgorithmOid { get; }

            public byte[] KeyBits { get; }
        }

        internal static SpkiInfo ReadSpki(AsnReader reader)
        {
            ReadOnlyMemory<byte> encoded = reader.ReadEncodedValue();
            var spki = new AsnReader(encoded, AsnEncodingRules.DER);
            AsnReader seq = spki.ReadSequence();
            AsnReader alg = seq.ReadSequence();
            string oid = alg.ReadObjectIdentifier();
            byte[] bits = seq.ReadBitString(out int unused);
            if (unused != 0 || seq.HasData || spki.HasData)
            {
                throw new AsnContentException();
            }

            return new SpkiInfo(encoded.ToArray(), oid, bits);
        }

        /// <summary>Parses a whole SubjectPublicKeyInfo, rejecting trailing bytes.</summary>
        internal static SpkiInfo? TryParseSpki(byte[] der)
        {
            try
            {
                var reader = new AsnReader(der, AsnEncodingRules.DER);
                SpkiInfo info = ReadSpki(reader);
                return reader.HasData ? null : info;
            }
            catch (AsnContentException)
            {
                return null;
            }
        }

        /// <summary>Finds the SubjectPublicKeyInfo inside a certificate; netstandard2.0 has no API that returns it whole.</summary>
        internal static SpkiInfo? TryParseCertificateSpki(byte[] der)
        {
            try
            {
                var reader = new AsnReader(der, AsnEncodingRules.DER);
                AsnReader cert = reader.ReadSequence();
                if (reader.HasData)
                {
                    return null;
                }

                AsnReader tbs = cert.ReadSequence();
                cert.ReadSequence(); // signatureAlgorithm
                cert.ReadBitString(out _);
                if (cert.HasData)
                {
                    return null;
                }

                if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    tbs.ReadEncodedValue(); // version
                }

                tbs.ReadIntegerBytes(); // serialNumber
                tbs.ReadSequence(); // signature
                tbs.ReadSequence(); // issuer
                tbs.ReadSequence(); // validity
                tbs.ReadSequence(); // subject
                return ReadSpki(tbs);
            }
            catch (AsnContentException)
            {
                return null;
            }
        }

        /// <summary>Wraps a PKCS #1 RSAPublicKey in a SubjectPublicKeyInfo so both PEM kinds compare the same way.</summary>
        internal static byte[] WrapRsaPublicKey(byte[] pkcs1)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(OidRsaEncryption);
                    writer.WriteNull();
                }

                writer.WriteBitString(pkcs1);
            }

            return writer.Encode();
        }
    }
}
