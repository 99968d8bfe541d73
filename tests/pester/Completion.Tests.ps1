# Tab completion of token and profile names and ids from the connected tenant (TabExpansion2, as the console does it).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'demo.json'

    function Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
    }

    function Get-ListRequest {
        @(Get-AdeSimRequest -Simulator $sim | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/depOnboardingSettings' })
    }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Tab completion' {
    It 'puts a completer on every -Name, -Id, -TokenId and -ProfileId of the module' {
        $missing = foreach ($command in Get-Command -Module AdeTokens) {
            foreach ($p in $command.Parameters.Values | Where-Object Name -in 'Name', 'Id', 'TokenId', 'ProfileId') {
                # New-AdeToken -Name names a token that does not exist yet: offering existing names would mislead.
                if ($command.Name -eq 'New-AdeToken' -and $p.Name -eq 'Name') { continue }
                if (-not ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] })) { "$($command.Name) -$($p.Name)" }
            }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'offers nothing, not even file names, and writes no error without a connection' {
        Disconnect-AdeGraph
        $Error.Clear()
        Complete 'Get-AdeTokenStatus -Name ' | Should -BeNullOrEmpty
        Complete 'Sync-AdeToken -Id ' | Should -BeNullOrEmpty
        Complete 'Set-AdeDefaultProfile -TokenId x -ProfileId ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }

    It 'completes -Name with every token name, quoting names that contain spaces' {
        Connect-AdeSimulator -Simulator $sim | Out-Null
        $names = (Get-AdeTokenStatus).Name | Sort-Object
        $matches = Complete 'Get-AdeTokenStatus -Name '
        @($matches.ListItemText) | Should -Be @($names)
        $matches.CompletionText | Should -Contain "'Contoso ABM'"
        (Complete "Test-AdeTokenHealth -Name 'Contoso Sc").CompletionText | Should -Be "'Contoso Schools ASM'"
        (Complete 'Sync-AdeToken -Name *Field').CompletionText | Should -Be "'Contoso Field Ops'"
    }

    It 'completes -Id and -TokenId with token ids, showing and matching the names' {
        $abm = Get-AdeTokenStatus -Name 'Contoso ABM'
        $byName = Complete "Get-AdeTokenPublicKey -Id 'Contoso A"
        $byName.CompletionText | Should -Be $abm.Id
        $byName.ListItemText | Should -Be "$($abm.Id) (Contoso ABM)"
        (Complete "Get-AdeDevice -TokenId $($abm.Id.Substring(0, 34))").CompletionText | Should -Contain $abm.Id
        @(Complete 'Update-AdeToken -Id ').Count | Should -Be @(Get-AdeTokenStatus).Count
    }

    It 'waits on at most one Graph call for a run of Tabs, and asks again after a reconnect' {
        Connect-AdeSimulator -Simulator $sim | Out-Null
        Clear-AdeSimRequest -Simulator $sim
        Complete 'Get-AdeTokenStatus -Name ' | Out-Null
        Complete 'Sync-AdeToken -Id ' | Out-Null
        Complete 'Start-AdeTokenRenewal -Id C' | Out-Null
        (Get-ListRequest).Count | Should -Be 1
        Connect-AdeSimulator -Simulator $sim | Out-Null
        Clear-AdeSimRequest -Simulator $sim
        Complete 'Get-AdeTokenStatus -Name ' | Out-Null
        (Get-ListRequest).Count | Should -Be 1
    }

    It 'completes -ProfileId from the token named on the same command line' {
        $abm = Get-AdeTokenStatus -Name 'Contoso ABM'
        $profiles = @(Get-AdeEnrollmentProfile -TokenId $abm.Id)
        Clear-AdeSimRequest -Simulator $sim
        $matches = Complete "Set-AdeDefaultProfile -TokenId $($abm.Id) -ProfileId "
        @($matches.CompletionText | Sort-Object) | Should -Be @($profiles.Id | Sort-Object)
        (Complete "Set-AdeDeviceProfile -TokenId $($abm.Id) -ProfileId Shared").ListItemText | Should -BeLike '* (Shared iPad)'
        (Complete "Get-AdeEnrollmentProfile -TokenId $($abm.Id) -Name Corp").CompletionText | Should -Be "'Corporate iPhone'", "'Corporate Mac'"
        @(Get-AdeSimRequest -Simulator $sim | Where-Object { $_.path -like '*/enrollmentProfiles' }).Count | Should -Be 1
        Complete 'Set-AdeDefaultProfile -ProfileId ' | Should -BeNullOrEmpty
    }

    It 'offers nothing and writes no error when Graph refuses the list' {
        Connect-AdeSimulator -Simulator $sim -Roles 'Mail.Send' -WarningAction SilentlyContinue | Out-Null
        $Error.Clear()
        Complete 'Get-AdeTokenStatus -Name ' | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
