namespace AdeTokens.Alerts
{
    /// <summary>Why an alert could not be delivered.</summary>
    public enum AlertDeliveryFailure : long
    {
        /// <summary>The endpoint answered with a status other than 2xx (after the retries, for 429 and 5xx).</summary>
        Rejected,
        /// <summary>No answer: DNS, TCP, TLS or timeout.</summary>
        Network,
    }
}
