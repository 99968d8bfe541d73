using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AdeTokens.Completion
{
    /// <summary>Shared matching and quoting for the AdeTokens completers.</summary>
    public abstract class AdeCompleterBase : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                // An empty array, never null: null makes PowerShell fall back to completing file names.
                return Complete(Unquote(wordToComplete ?? string.Empty), fakeBoundParameters).ToArray();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private protected abstract IEnumerable<CompletionResult> Complete(string word, IDictionary fakeBoundParameters);

        /// <summary>Offers ids: the id is inserted, and the name is shown beside it and matched too.</summary>
        private protected static IEnumerable<CompletionResult> Ids(IEnumerable<CompletionItem> items, string word)
            => items
                .Where(i => Matches(i.Id, word) || Matches(i.Name, word))
                .OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .Select(i => new CompletionResult(Quote(i.Id), i.Name.Length == 0 ? i.Id : i.Id + " (" + i.Name + ")", CompletionResultType.ParameterValue, i.Name.Length == 0 ? i.Id : i.Name + " [" + i.Id + "]"));

        /// <summary>Offers names, quoted when they need it.</summary>
        private protected static IEnumerable<CompletionResult> Names(IEnumerable<CompletionItem> items, string word)
            => items
                .Where(i => i.Name.Length > 0 && Matches(i.Name, word))
                .GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CompletionResult(Quote(g.Key), g.Key, CompletionResultType.ParameterValue, g.Key + " [" + string.Join(", ", g.Select(i => i.Id)) + "]"));

        /// <summary>The first value of -TokenId on the command line, or null. (-Id is the profile itself where profiles complete.)</summary>
        private protected static string? BoundTokenId(IDictionary fakeBoundParameters)
        {
            if (fakeBoundParameters is null || !fakeBoundParameters.Contains("TokenId")) return null;
            var value = First(fakeBoundParameters["TokenId"]);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        private static string? First(object? value)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is string s) return s;
            if (value is IEnumerable e)
            {
                foreach (var item in e) return First(item);
                return null;
            }
            return value?.ToString();
        }

        private static bool Matches(string candidate, string word)
        {
            if (word.Length == 0) return true;
            if (WildcardPattern.ContainsWildcardCharacters(word))
            {
                return new WildcardPattern(word + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch(candidate);
            }
            return candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase);
        }

        private static string Unquote(string word)
        {
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                var q = word[0];
                word = word.Substring(1);
                if (word.Length > 0 && word[word.Length - 1] == q) word = word.Substring(0, word.Length - 1);
                if (q == '\'') word = word.Replace("''", "'");
            }
            return word;
        }

        /// <summary>Single-quotes text the parser would otherwise split or expand (spaces, $, quotes, brackets...).</summary>
        internal static string Quote(string text)
        {
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c) || "'\"`$(){}[];,&|@#<>".IndexOf(c) >= 0 || c == '\u2018' || c == '\u2019')
                {
                    return "'" + text.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019") + "'";
                }
            }
            return text;
        }
    }
}
