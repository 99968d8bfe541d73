namespace AdeTokens.Alerts
{
    /// <summary>
    /// An alert that did not get through. The message names the status and the redacted endpoint, never the
    /// webhook URL, and there is deliberately no inner exception, whose text might carry it.
    /// </summary>
    public sealed class AlertDeliveryException : AdeException
    {
        /// <summary>The channel name Send-AdeTokenAlert reports as the error's target.</summary>
        public const string Channel = "Teams";

        /// <summary>Creates the exception.</summary>
        public AlertDeliveryException(string message, AlertDeliveryFailure failure, int? statusCode, int attempts, string recommendedAction)
            : base(message, "AlertDeliveryFailed", failure == AlertDeliveryFailure.Network ? AdeErrorCategory.ConnectionError : AdeErrorCategory.InvalidResult, Channel, recommendedAction, null)
        {
            Failure = failure;
            StatusCode = statusCode;
            Attempts = attempts;
        }

        /// <summary>What went wrong.</summary>
        public AlertDeliveryFailure Failure { get; }
        /// <summary>The final HTTP status, when there was an answer.</summary>
        public int? StatusCode { get; }
        /// <summary>How many requests were made.</summary>
        public int Attempts { get; }
    }
}
