namespace AigcGateway.Web.Components.Dashboard;

/// <summary>The steps an instance goes through from install (or recover, or restart) to a working address.</summary>
public enum StartupStage
{
    Scheduled,
    ImagePulling,
    ContainerStarted,
    Ready,
    NetworkReady,
}
