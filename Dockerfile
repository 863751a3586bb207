# AIGC-Gateway dashboard image: build with the .NET 10 SDK, run on the ASP.NET 10 runtime as a non-root user.
#   docker build -t <registry>/aigc-gateway:<tag> .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so the package layer is cached across source changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY AigcGateway.Core/AigcGateway.Core.csproj AigcGateway.Core/
COPY AigcGateway.Emulators/AigcGateway.Emulators.csproj AigcGateway.Emulators/
COPY AigcGateway.Web/AigcGateway.Web.csproj AigcGateway.Web/
RUN dotnet restore AigcGateway.Web/AigcGateway.Web.csproj

COPY AigcGateway.Core/ AigcGateway.Core/
COPY AigcGateway.Emulators/ AigcGateway.Emulators/
COPY AigcGateway.Web/ AigcGateway.Web/
RUN dotnet publish AigcGateway.Web/AigcGateway.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build --chown=root:root /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The "app" user (uid 1654) of the official .NET images; the helm chart runs the pod as this uid.
USER 1654:1654
ENTRYPOINT ["dotnet", "AigcGateway.Web.dll"]
