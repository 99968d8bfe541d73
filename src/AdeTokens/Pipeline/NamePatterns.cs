using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AdeTokens
{
    // -Name as Get-Process reads it: wildcards match, and a literal name that matches nothing is reported.
    internal sealed class NamePatterns
    {
        private readonly List<(string Text, WildcardPattern Pattern)> _patterns;

        public NamePatterns(string[]? names)
            => _patterns = (names ?? new string[0]).Select(n => (n, new WildcardPattern(n, WildcardOptions.IgnoreCase))).ToList();

        public bool Any => _patterns.Count > 0;

        public bool Matches(string? name) => _patterns.Any(p => p.Pattern.IsMatch(name ?? string.Empty));

        /// <summary>The literal names (no wildcard) that match none of <paramref name="names"/>.</summary>
        public IEnumerable<string> Unmatched(IEnumerable<string?> names)
        {
            var all = names.ToList();
            return _patterns.Where(p => !WildcardPattern.ContainsWildcardCharacters(p.Text) && !all.Any(n => p.Pattern.IsMatch(n ?? string.Empty))).Select(p => p.Text).ToList();
        }
    }
}
