using System;

namespace AdeTokens.Io
{
    /// <summary>
    /// A snapshot file could not be read as depOnboardingSettings. ErrorId is the stable id the cmdlet puts on
    /// its ErrorRecord; the message names the file and the position so the admin can open the file at the fault.
    /// </summary>
    public sealed class SnapshotFormatException : FormatException
    {
        // A FormatException, as callers have caught it since the first release, so it cannot also be an AdeException:
        // the cmdlet gives it its record with these fields.
        /// <summary>What to do about it.</summary>
        public const string FixAction = "Fix the JSON at the position given, or export the snapshot again (Get-AdeTokenStatus | Select-Object -ExpandProperty Raw | ConvertTo-Json).";

        /// <summary>The text is not valid JSON.</summary>
        public const string MalformedErrorId = "SnapshotMalformed";
        /// <summary>Valid JSON, but not a depOnboardingSetting, an array of them, or a Graph response body.</summary>
        public const string UnexpectedShapeErrorId = "SnapshotUnexpectedShape";

        /// <summary>Creates the exception.</summary>
        public SnapshotFormatException(string message, string errorId, string sourceName, long? lineNumber = null, long? bytePositionInLine = null, int? itemIndex = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            SourceName = sourceName;
            LineNumber = lineNumber;
            BytePositionInLine = bytePositionInLine;
            ItemIndex = itemIndex;
        }

        /// <summary>SnapshotMalformed or SnapshotUnexpectedShape.</summary>
        public string ErrorId { get; }
        /// <summary>The file path, or whatever name the caller gave the text.</summary>
        public string SourceName { get; }
        /// <summary>1-based line of the fault, when known (as editors count).</summary>
        public long? LineNumber { get; }
        /// <summary>1-based byte offset of the fault within its line (UTF-8 bytes, so equal to the column for ASCII).</summary>
        public long? BytePositionInLine { get; }
        /// <summary>0-based index of the offending token item, for shape faults.</summary>
        public int? ItemIndex { get; }
    }
}
