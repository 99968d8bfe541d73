# Get-AdeTokenStatus and Test-AdeTokenHealth give one verdict: the same tokens, read from the simulated tenant, get
# the state that Test-AdeTokenHealth's first expiry or sync finding names, the same severity and the same day count.
BeforeDiscovery {
    $script:scenarios = @(
        @{ Scenario = 'one-verdict.json'; Count = 10 }
        @{ Scenario = 'demo.json'; Count = 6 }
        @{ Scenario = 'health-rules.json'; Count = 12 }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'one-verdict.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null

    # Written out here, not read from the module, so a wrong mapping there cannot agree with itself.
    $script:stateOfCode = @{
        TokenExpired = 'Expired'; TokenExpiringSoon = 'ExpiringSoon'; ExpiryUnknown = 'ExpiryUnknown'
        SyncFailed = 'SyncFailed'; NeverSynced = 'NeverSynced'; SyncStale = 'SyncStale'
    }

    function Get-ExpectedState {
        param($Result)
        $first = @($Result.Findings | Where-Object { [string]$_.Severity -ne 'Info' -and $stateOfCode.ContainsKey($_.Code) })[0]
        if ($first) { $stateOfCode[$first.Code] } else { 'Healthy' }
    }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'One verdict for <Scenario>' -ForEach $scenarios {
    BeforeAll {
        Set-AdeSimScenario -Simulator $sim -Scenario $Scenario
        $script:statuses = @(Get-AdeTokenStatus)
        # Judged at the instant Get-AdeTokenStatus judged, so a midnight in between cannot move a day count.
        $script:at = $statuses[0].EvaluatedAt
        $script:fromGraph = @(Test-AdeTokenHealth -AsOf $at -WarningAction SilentlyContinue)
        $script:piped = @($statuses | Test-AdeTokenHealth -AsOf $at -WarningAction SilentlyContinue)
    }

    It 'reads every token in both cmdlets' {
        $statuses.Count | Should -Be $Count
        $fromGraph.Count | Should -Be $Count
        $piped.Count | Should -Be $Count
    }

    It 'gives each token the state of its first expiry or sync finding, and the same day count' {
        foreach ($s in $statuses) {
            foreach ($r in @($fromGraph | Where-Object TokenId -eq $s.Id) + @($piped | Where-Object TokenId -eq $s.Id)) {
                [string]$s.Status | Should -Be (Get-ExpectedState $r) -Because "$($s.Name): findings $($r.FindingCodes)"
                $r.DaysUntilExpiry | Should -Be $s.DaysUntilExpiry -Because $s.Name
            }
        }
    }

    It 'gives the piped tokens (their own facts only) the severity Get-AdeTokenStatus shows' {
        foreach ($s in $statuses) {
            [string]($piped | Where-Object TokenId -eq $s.Id).Status | Should -Be ([string]$s.Severity) -Because $s.Name
        }
    }
}

Describe 'The cases where the two cmdlets used to disagree' {
    BeforeAll {
        Set-AdeSimScenario -Simulator $sim -Scenario 'one-verdict.json'
        $script:byName = @{}
        foreach ($s in Get-AdeTokenStatus) { $byName[$s.Name] = $s }
    }

    It '<Name> is <Status> (<Severity>)' -ForEach @(
        @{ Name = 'verdict-healthy'; Status = 'Healthy'; Severity = 'Healthy' }
        @{ Name = 'verdict-new-in-grace'; Status = 'Healthy'; Severity = 'Healthy' }
        @{ Name = 'verdict-never-past-grace'; Status = 'NeverSynced'; Severity = 'Critical' }
        @{ Name = 'verdict-never-unknown-age'; Status = 'NeverSynced'; Severity = 'Warning' }
        @{ Name = 'verdict-critical-expiry-and-sync-error'; Status = 'ExpiringSoon'; Severity = 'Critical' }
        @{ Name = 'verdict-warning-expiry-and-sync-error'; Status = 'SyncFailed'; Severity = 'Critical' }
        @{ Name = 'verdict-no-expiry-date'; Status = 'ExpiryUnknown'; Severity = 'Warning' }
        @{ Name = 'verdict-stale-and-expiring'; Status = 'ExpiringSoon'; Severity = 'Warning' }
        @{ Name = 'verdict-stale'; Status = 'SyncStale'; Severity = 'Warning' }
        @{ Name = 'verdict-expired'; Status = 'Expired'; Severity = 'Critical' }
    ) {
        [string]$byName[$Name].Status | Should -Be $Status
        [string]$byName[$Name].Severity | Should -Be $Severity
    }

    It 'says why a new token without a sync is not a problem yet' {
        $byName['verdict-new-in-grace'].StatusReason | Should -Match "hasn't synced yet"
    }
}
