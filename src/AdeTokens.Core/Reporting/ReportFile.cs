using System;
using System.IO;
using System.Security;
using System.Text;
using AdeTokens.Renewal;

namespace AdeTokens.Reporting
{
    /// <summary>Writes a rendered report to disk without ever silently replacing a file.</summary>
    public static class ReportFile
    {
        /// <summary>
        /// Writes <paramref name="text"/> as UTF-8 to <paramref name="fullPath"/>; CSV gets a byte order mark so Excel
        /// reads it as UTF-8. Without <paramref name="overwrite"/> the file is created only if it does not exist,
        /// atomically. Throws RemediationException OutFileExists or OutFileWriteFailed.
        /// </summary>
        public static void Write(string fullPath, string text, ReportFormat format, bool overwrite)
        {
            if (string.IsNullOrEmpty(fullPath)) throw new ArgumentException("The path is empty.", nameof(fullPath));
            if (text is null) throw new ArgumentNullException(nameof(text));
            if (!overwrite && File.Exists(fullPath)) throw KeyFile.Exists(fullPath);
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: format == ReportFormat.Csv);
            try
            {
                using var stream = new FileStream(fullPath, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
                var preamble = encoding.GetPreamble();
                stream.Write(preamble, 0, preamble.Length);
                var bytes = encoding.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
            }
            catch (IOException e) when (!overwrite && File.Exists(fullPath))
            {
                throw KeyFile.Exists(fullPath, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException || e is NotSupportedException)
            {
                throw new RemediationException(RemediationErrorIds.OutFileWriteFailed, RemediationErrorKind.WriteFailed,
                    $"Could not write the report to '{fullPath}': {e.Message}",
                    "Check that the folder exists and that you can write to it, or choose another path.", fullPath, e);
            }
        }
    }
}
