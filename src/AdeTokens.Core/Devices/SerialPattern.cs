using System;
namespace AdeTokens.Devices
{
    /// <summary>One -SerialNumber value: a literal or a wildcard (the cmdlet supplies the matcher, since wildcards are PowerShell's).</summary>
    public sealed class SerialPattern
    {
        /// <summary>Creates the pattern.</summary>
        public SerialPattern(string text, bool isLiteral, Func<string, bool> isMatch)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            IsLiteral = isLiteral;
            IsMatch = isMatch ?? throw new ArgumentNullException(nameof(isMatch));
        }

        /// <summary>As given.</summary>
        public string Text { get; }
        /// <summary>No wildcard characters: a miss is reported as DeviceNotFound.</summary>
        public bool IsLiteral { get; }
        /// <summary>The matcher.</summary>
        public Func<string, bool> IsMatch { get; }
        /// <summary>Whether any device matched.</summary>
        public bool Matched { get; internal set; }
    }
}
