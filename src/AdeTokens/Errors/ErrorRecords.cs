using System;
using System.Management.Automation;

namespace AdeTokens
{
    /// <summary>
    /// The one place the module makes an ErrorRecord. A Core failure (AdeException) carries its own id, category,
    /// target and recommended action; the few errors only the cmdlet layer can see (parameter combinations,
    /// pipeline input) give theirs here too, so every record has a stable id, a specific category and a target.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <summary>The record for a Core failure; <paramref name="target"/> replaces Core's when the cmdlet knows the input better.</summary>
        public static ErrorRecord From(AdeException e, object? target = null)
            => From(e, target, e.Message, e.RecommendedAction);

        /// <summary>The record for a Core failure, with <paramref name="target"/> only where Core named none (Graph failures).</summary>
        public static ErrorRecord FromOr(AdeException e, object? target) => From(e, e.Target ?? target);

        /// <summary>The record for a Core failure told in the cmdlet's words (the batch that failed, what was not checked).</summary>
        public static ErrorRecord From(AdeException e, object? target, string message, string? action, string? errorId = null, ErrorCategory? category = null)
            => new ErrorRecord(e, errorId ?? e.ErrorId, category ?? Category(e.Category), target ?? e.Target)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action ?? string.Empty },
            };

        /// <summary>
        /// The record for a Core failure that only adds words to an underlying exception (a damaged state file, a
        /// failed write): the record keeps that exception, as scripts that read $_.Exception expect.
        /// </summary>
        public static ErrorRecord FromCause(AdeException e)
            => new ErrorRecord(e.InnerException ?? e, e.ErrorId, Category(e.Category), e.Target)
            {
                ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.RecommendedAction ?? string.Empty },
            };

        /// <summary>Any exception a step may end in: AdeException as itself, anything else as UnexpectedError.</summary>
        public static ErrorRecord From(Exception e, object? target)
            => e is AdeException a ? From(a, target) : new ErrorRecord(e, "UnexpectedError", ErrorCategory.NotSpecified, target);

        /// <summary>An error the cmdlet layer raises itself: bad parameters or pipeline input.</summary>
        public static ErrorRecord Create(Exception e, string errorId, ErrorCategory category, object? target, string? message = null, string? action = null)
            => new ErrorRecord(e, errorId, category, target)
            {
                ErrorDetails = message is null && action is null ? null : new ErrorDetails(message ?? e.Message) { RecommendedAction = action ?? string.Empty },
            };

        /// <summary>A parameter error: an ArgumentException whose message is also the record's text.</summary>
        public static ErrorRecord Argument(string errorId, string message, object? target, string? action, ErrorCategory category = ErrorCategory.InvalidArgument)
            => Create(new ArgumentException(message), errorId, category, target, action is null ? null : message, action);

        // The names are PowerShell's own, so the mapping is one to one.
        private static ErrorCategory Category(AdeErrorCategory c)
            => Enum.TryParse<ErrorCategory>(c.ToString(), out var category) ? category : ErrorCategory.NotSpecified;
    }
}
