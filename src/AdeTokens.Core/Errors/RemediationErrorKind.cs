namespace AdeTokens
{
    /// <summary>What kind of failure a <see cref="RemediationException"/> is; the cmdlets map it to an ErrorCategory.</summary>
    public enum RemediationErrorKind : long
    {
        /// <summary>A parameter value is wrong.</summary>
        InvalidArgument,
        /// <summary>The object does not exist.</summary>
        NotFound,
        /// <summary>The object already exists.</summary>
        AlreadyExists,
        /// <summary>Not now: try again later.</summary>
        Busy,
        /// <summary>Waited too long.</summary>
        Timeout,
        /// <summary>The service answered, but not with the expected result.</summary>
        InvalidResult,
        /// <summary>A file could not be written.</summary>
        WriteFailed,
        /// <summary>The service refused the operation.</summary>
        Rejected,
    }
}
