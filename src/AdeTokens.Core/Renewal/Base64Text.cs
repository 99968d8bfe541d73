using System;
using System.Text;

namespace AdeTokens.Renewal
{
    /// <summary>Line-wrapped base64 as found in S/MIME bodies and PEM blocks.</summary>
    internal static class Base64Text
    {
        internal enum Outcome
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
        internal static Outcome TryDecode(string text, out byte[] bytes)
        {
            bytes = Array.Empty<byte>();
            var sb = new StringBuilder(text.Length);
            int padding = 0;
            foreach (char c in text)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
                {
                    continue;
                }

                bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
                if (c == '=')
                {
                    padding++;
                }
                else if (!base64 || padding > 0)
                {
                    return Outcome.InvalidCharacter;
                }

                sb.Append(c);
            }

            if (padding > 2)
            {
                return Outcome.InvalidCharacter;
            }

            if (sb.Length == 0)
            {
                return Outcome.Empty;
            }

            Outcome outcome = Outcome.Ok;
            int remainder = sb.Length % 4;
            if (remainder != 0)
            {
                if (padding > 0)
                {
                    return Outcome.InvalidCharacter;
                }

                outcome = Outcome.Incomplete;
                sb.Length -= remainder;
            }

            try
            {
                bytes = Convert.FromBase64String(sb.ToString());
            }
            catch (FormatException)
            {
                return Outcome.InvalidCharacter;
            }

            return outcome;
        }

        /// <summary>PEM with 64-character lines and \n line endings, the form Apple Business Manager accepts.</summary>
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
    }
}
