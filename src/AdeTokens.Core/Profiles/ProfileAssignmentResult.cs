namespace AdeTokens
{
    /// <summary>What Set-AdeDeviceProfile -PassThru reports for one token and profile.</summary>
    public sealed class ProfileAssignmentResult
    {
        /// <summary>The token.</summary>
        public string TokenId { get; set; } = string.Empty;
        /// <summary>The token's name.</summary>
        public string? TokenName { get; set; }
        /// <summary>The profile assigned.</summary>
        public string ProfileId { get; set; } = string.Empty;
        /// <summary>The profile's name.</summary>
        public string? ProfileName { get; set; }
        /// <summary>Distinct serial numbers asked for.</summary>
        public int Requested { get; set; }
        /// <summary>Serial numbers the profile was assigned to.</summary>
        public TextList Assigned { get; set; } = TextList.Empty;
        /// <summary>Serial numbers not on the token (each also reported as a DeviceNotFound error).</summary>
        public TextList NotFound { get; set; } = TextList.Empty;
        /// <summary>Serial numbers on the token whose platform does not match the profile's (each also a ProfilePlatformMismatch error); empty with -Force.</summary>
        public TextList PlatformMismatch { get; set; } = TextList.Empty;
        /// <summary>Serial numbers in batches Graph refused (each batch also reported as an error).</summary>
        public TextList Failed { get; set; } = TextList.Empty;
        /// <summary>updateDeviceProfileAssignment calls made.</summary>
        public int Batches { get; set; }
        /// <summary>Serial numbers per call.</summary>
        public int BatchSize { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{ProfileName}: {Assigned.Count} of {Requested} assigned";
    }
}
