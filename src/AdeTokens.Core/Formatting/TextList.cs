using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace AdeTokens
{
    /// <summary>
    /// A read-only list of strings on an output object (remediation steps, scope tags, scopes, serial numbers).
    /// It enumerates, indexes and serialises like an array, and reads as its items wherever PowerShell turns a
    /// property into one string: Export-Csv cells, string expansion and deep ConvertTo-Json levels, which would
    /// otherwise show "System.String[]".
    /// </summary>
    public sealed class TextList : ReadOnlyCollection<string>
    {
        /// <summary>No items.</summary>
        public static TextList Empty { get; } = new TextList(Array.Empty<string>());

        /// <summary>A copy of <paramref name="items"/>.</summary>
        public TextList(IEnumerable<string> items) : base(new List<string>(items ?? Array.Empty<string>()))
        {
        }

        /// <summary>Lets code and scripts assign a plain string array.</summary>
        public static implicit operator TextList(string[]? items) => items is null || items.Length == 0 ? Empty : new TextList(items);

        /// <summary>The items, separated by "; ".</summary>
        public override string ToString() => string.Join("; ", this);
    }
}
