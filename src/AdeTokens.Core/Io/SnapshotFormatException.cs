using System;

namespace AdeTokens.Io
{
    /// <summary>
    /// A snapshot file could not be read as depOnboardingSettings: InvalidData, with the file (or the name the
    /// caller gave the text) as target; the message names the position so the admin can open the file at the fault.
    /// It is an AdeException like every other failure, so the cmdlet reports it through the one factory; no caller
    /// catches it as a FormatException.
    /// </summary>
    public sealed class SnapshotFormatException : AdeException
    {
        /// <summary>What to do about it.</summary>
        public const string FixAction = "Fix the JSON at the position given, or export the snapshot again (Get-AdeTokenStatus | Select-Object -ExpandProperty Raw | ConvertTo-Json).";

        /// <summary>The text is not valid JSON.</summary>
        public const string MalformedErrorId = "SnapshotMalformed";
        /// <summary>Valid JSON, but not a depOnboardingSetting, an array of them, or a Graph response body.</summary>
        public const string UnexpectedShapeErrorId = "SnapshotUnexpectedShape";

        /// <summary>Creates the exception.</summary>
        public SnapshotFormatException(string message, string errorId, string sourceName, long? lineNumber = null, long? bytePositionInLine = null, int? itemIndex = null, Exception? innerException = null)
            : base(message, errorId, AdeErrorCategory.InvalidData, sourceName, FixAction, innerException)
        {
            SourceName = sourceName;
            LineNumber = lineNumber;
            BytePositionInLine = bytePositionInLine;
            ItemIndex = itemIndex;
        }

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
