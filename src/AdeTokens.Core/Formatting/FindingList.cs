using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace AdeTokens
{
    /// <summary>
    /// The findings of a health result. It enumerates and serialises like an array of findings, and reads as the
    /// findings' codes wherever PowerShell turns it into one string (an Export-Csv cell, string expansion), instead
    /// of "AdeTokens.HealthFinding[]".
    /// </summary>
    public sealed class FindingList : ReadOnlyCollection<HealthFinding>
    {
        /// <summary>No findings.</summary>
        public static FindingList Empty { get; } = new FindingList(Array.Empty<HealthFinding>());

        /// <summary>A copy of <paramref name="findings"/>.</summary>
        public FindingList(IEnumerable<HealthFinding> findings) : base(new List<HealthFinding>(findings ?? Array.Empty<HealthFinding>()))
        {
        }

        /// <summary>Lets code and scripts assign a plain array.</summary>
        public static implicit operator FindingList(HealthFinding[]? findings) => findings is null || findings.Length == 0 ? Empty : new FindingList(findings);

        /// <summary>The codes, in order, separated by ", ".</summary>
        public override string ToString() => string.Join(", ", this.Select(f => f.Code));
    }
}
