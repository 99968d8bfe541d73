namespace AdeTokens
{
    /// <summary>
    /// The ErrorCategory an <see cref="AdeException"/> is reported under. Core has no PowerShell types, so the
    /// names are PowerShell's own and the cmdlet layer maps them one to one.
    /// </summary>
    public enum AdeErrorCategory : long
    {
        /// <summary>Only for failures nobody foresaw.</summary>
        NotSpecified,
        /// <summary>A parameter value is wrong.</summary>
        InvalidArgument,
        /// <summary>Input data is not what it should be.</summary>
        InvalidData,
        /// <summary>The operation is refused.</summary>
        InvalidOperation,
        /// <summary>The service answered, but not with the expected result.</summary>
        InvalidResult,
        /// <summary>An object of the wrong type.</summary>
        InvalidType,
        /// <summary>The object does not exist.</summary>
        ObjectNotFound,
        /// <summary>The object already exists.</summary>
        ResourceExists,
        /// <summary>Not now: try again later.</summary>
        ResourceBusy,
        /// <summary>The service is not available.</summary>
        ResourceUnavailable,
        /// <summary>Waited too long.</summary>
        OperationTimeout,
        /// <summary>A file could not be written.</summary>
        WriteError,
        /// <summary>A file could not be read.</summary>
        ReadError,
        /// <summary>A size or rate limit.</summary>
        LimitsExceeded,
        /// <summary>A check that protects the tenant could not be passed.</summary>
        SecurityError,
        /// <summary>A permission or role is missing.</summary>
        PermissionDenied,
        /// <summary>Sign-in failed or the token was refused.</summary>
        AuthenticationError,
        /// <summary>No answer from the service.</summary>
        ConnectionError,
    }
}
