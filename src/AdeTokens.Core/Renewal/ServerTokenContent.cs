using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// Turns a file's bytes into the CMS bytes inside it: S/MIME text (headers, blank line, base64), bare base64, or
    /// DER. Anything else is refused with a message that says what the file looks like instead.
    /// </summary>
    internal sealed class ServerTokenContent
    {
        private ServerTokenContent(string format, string? contentType, byte[] cms, string textForUpload, bool base64Incomplete, string? headerNote)
        {
            Format = format;
            ContentType = contentType;
            Cms = cms;
            TextForUpload = textForUpload;
            Base64Incomplete = base64Incomplete;
            HeaderNote = headerNote;
        }

        internal string Format { get; }

        internal string? ContentType { get; }

        internal byte[] Cms { get; }

        internal string TextForUpload { get; }

        /// <summary>The base64 stopped mid-group: the decoded bytes are a prefix of the real ones.</summary>
        internal bool Base64Incomplete { get; }

        /// <summary>"The file has (no) MIME headers…" for messages about text files; null for DER.</summary>
        internal string? HeaderNote { get; }

        internal static ServerTokenContent Read(byte[] content, string source)
        {
            string name = ServerTokenErrors.Describe(source);
            int offset = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
            if (content.Length - offset == 0)
            {
                throw ServerTokenErrors.Empty(source, string.Format(CultureInfo.InvariantCulture, "{0} is empty (0 bytes{1}).", name, offset > 0 ? " after a byte order mark" : string.Empty));
            }

            bool hasControl = false;
            bool hasHigh = false;
            for (int i = offset; i < content.Length; i++)
            {
                byte b = content[i];
                hasHigh |= b >= 0x80;
                hasControl |= (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F;
            }

            if (content[offset] == 0x30 && (hasControl || hasHigh))
            {
                byte[] der = new byte[content.Length - offset];
                Buffer.BlockCopy(content, offset, der, 0, der.Length);
                return new ServerTokenContent(ServerTokenFile.FormatDer, null, der, Convert.ToBase64String(der), false, null);
            }

            if (hasControl)
            {
                bool utf16 = content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF));
                throw ServerTokenErrors.NotSmime(
                    source,
                    utf16
                        ? string.Format(CultureInfo.InvariantCulture, "{0} is UTF-16 text; Apple's server token is ASCII. It was probably opened and re-saved by an editor.", name)
                        : string.Format(CultureInfo.InvariantCulture, "{0} is a binary file that is not a DER CMS structure, so it is not an S/MIME server token.", name));
            }

            string text = new UTF8Encoding(false, false).GetString(content, offset, content.Length - offset);
            if (text.Trim().Length == 0)
            {
                throw ServerTokenErrors.Empty(source, string.Format(CultureInfo.InvariantCulture, "{0} contains only whitespace ({1} bytes).", name, content.Length));
            }

            SplitMime(text, out bool hasHeaders, out string? contentType, out string body);
            string format = hasHeaders ? ServerTokenFile.FormatSmime : ServerTokenFile.FormatBase64;
            string headerNote = hasHeaders
                ? string.Format(CultureInfo.InvariantCulture, "The file has MIME headers (Content-Type: {0}).", contentType ?? "none")
                : "The file has no MIME headers.";

            if (hasHeaders && body.Trim().Length == 0)
            {
                throw ServerTokenErrors.Truncated(source, string.Format(CultureInfo.InvariantCulture, "{0} ends after its MIME headers: the base64 body is missing, so the file was cut off.", name));
            }

            RefuseOtherText(body.TrimStart(), body, source, name, headerNote);

            Base64Text.Outcome outcome = Base64Text.TryDecode(body, out byte[] cms);
            if (outcome == Base64Text.Outcome.InvalidCharacter)
            {
                throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is text but not an S/MIME server token: {1} is not base64. {2}", name, hasHeaders ? "the body after its MIME headers" : "the content", headerNote));
            }

            if (outcome == Base64Text.Outcome.Empty || cms.Length == 0)
            {
                throw ServerTokenErrors.Truncated(source, string.Format(CultureInfo.InvariantCulture, "{0} has almost no base64 content, so it was cut off.", name));
            }

            return new ServerTokenContent(format, contentType, cms, text, outcome == Base64Text.Outcome.Incomplete, headerNote);
        }

        /// <summary>Names the text files people pick by mistake: a PEM key or certificate, decrypted JSON, a note.</summary>
        private static void RefuseOtherText(string trimmedBody, string body, string source, string name, string headerNote)
        {
            int pem = trimmedBody.IndexOf("-----BEGIN ", StringComparison.Ordinal);
            if (pem >= 0)
            {
                int labelStart = pem + "-----BEGIN ".Length;
                int labelEnd = trimmedBody.IndexOf("-----", labelStart, StringComparison.Ordinal);
                string label = labelEnd > labelStart ? trimmedBody.Substring(labelStart, Math.Min(labelEnd - labelStart, 40)).Trim() : "?";
                string what = label.EndsWith("CERTIFICATE", StringComparison.Ordinal)
                    ? "a PEM certificate (perhaps the Intune public key .pem, which goes to Apple, not back to Intune)"
                    : string.Format(CultureInfo.InvariantCulture, "a PEM '{0}' block", label);
                throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is {1}, not Apple's S/MIME server token. {2}", name, what, headerNote));
            }

            if (trimmedBody.StartsWith("{", StringComparison.Ordinal))
            {
                throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is JSON, not Apple's S/MIME server token. Intune needs the encrypted .p7m as downloaded, not decrypted token data.", name));
            }

            // Words separated by spaces: a note or a log, not base64 (whose lines never hold a space). Said plainly,
            // rather than "the base64 content is not a CMS" for a file that was never base64.
            foreach (string raw in body.Split('\n'))
            {
                string line = raw.Trim();
                if (line.IndexOf(' ') > 0 || line.IndexOf('\t') > 0)
                {
                    throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is a plain text file (its lines have words separated by spaces), not Apple's S/MIME server token, which is base64 text. {1}", name, headerNote));
                }
            }
        }

        private static void SplitMime(string text, out bool hasHeaders, out string? contentType, out string body)
        {
            hasHeaders = false;
            contentType = null;
            body = text;

            string[] lines = text.Split('\n');
            int first = 0;
            while (first < lines.Length && lines[first].Trim().Length == 0)
            {
                first++;
            }

            if (first >= lines.Length || !IsHeaderLine(lines[first]))
            {
                return;
            }

            hasHeaders = true;
            string? lastName = null;
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int i = first;
            for (; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0)
                {
                    i++;
                    break;
                }

                if ((line[0] == ' ' || line[0] == '\t') && lastName != null)
                {
                    values[lastName] = values[lastName] + " " + line.Trim();
                    continue;
                }

                if (!IsHeaderLine(line))
                {
                    // Headers not followed by a blank line: be lenient and treat the rest as the body.
                    break;
                }

                int colon = line.IndexOf(':');
                lastName = line.Substring(0, colon).Trim();
                values[lastName] = line.Substring(colon + 1).Trim();
            }

            if (values.TryGetValue("Content-Type", out string? type))
            {
                contentType = type;
            }

            body = i < lines.Length ? string.Join("\n", lines, i, lines.Length - i) : string.Empty;
        }

        private static bool IsHeaderLine(string line)
        {
            int colon = line.IndexOf(':');
            if (colon <= 0 || !char.IsLetter(line[0]))
            {
                return false;
            }

            for (int i = 0; i < colon; i++)
            {
                char c = line[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
