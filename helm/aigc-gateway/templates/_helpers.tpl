{{/* Name of the chart. */}}
{{- define "aigc-gateway.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, or release-chart when the release name does not contain the chart name. */}}
{{- define "aigc-gateway.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* Namespace of every namespaced object: installation.namespace (the earlier chart's key) or the release's. */}}
{{- define "aigc-gateway.namespace" -}}
{{- default .Release.Namespace .Values.installation.namespace }}
{{- end }}

{{/*
Pod selector: the earlier chart's `app: aigc-gateway` (for a release named aigc-gateway). A Deployment's selector cannot
change, so keeping it lets `helm upgrade` replace the earlier gateway in place.
*/}}
{{- define "aigc-gateway.selectorLabels" -}}
app: {{ include "aigc-gateway.fullname" . }}
{{- end }}

{{/* Labels of the pods: the selector plus the recommended names. */}}
{{- define "aigc-gateway.podLabels" -}}
{{ include "aigc-gateway.selectorLabels" . }}
app.kubernetes.io/name: {{ include "aigc-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "aigc-gateway.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "aigc-gateway.podLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "aigc-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "aigc-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Secret holding appId, appSecret, m2mId and m2mSecret. */}}
{{- define "aigc-gateway.credentialsSecret" -}}
{{- default (printf "%s-logto" (include "aigc-gateway.fullname" .)) .Values.existingSecret }}
{{- end }}

{{/* https://<host> */}}
{{- define "aigc-gateway.publicUrl" -}}
{{- printf "https://%s" .Values.host }}
{{- end }}

{{/* cookieDomain, or the host's parent domain: dashboard.example.com -> .example.com, example.com -> .example.com */}}
{{- define "aigc-gateway.cookieDomain" -}}
{{- if .Values.cookieDomain }}
{{- .Values.cookieDomain }}
{{- else }}
{{- $labels := splitList "." .Values.host }}
{{- if gt (len $labels) 2 }}
{{- printf ".%s" (rest $labels | join ".") }}
{{- else }}
{{- printf ".%s" .Values.host }}
{{- end }}
{{- end }}
{{- end }}

{{/* "true" when Data Protection keys live in a PersistentVolumeClaim the chart creates. */}}
{{/*
Data Protection keys in a directory: always with SQLite (one replica; an emptyDir unless a claim is named or persistence
is "true"), with PostgreSQL only as an explicit choice (existingClaim or persistence "true"), since the key ring then
lives in the database and needs no volume.
*/}}
{{- define "aigc-gateway.keysInDirectory" -}}
{{- $p := toString .Values.dataProtection.persistence }}
{{- if or (ne .Values.database.type "postgresql") .Values.dataProtection.existingClaim (eq $p "true") }}true{{ end }}
{{- end }}

{{- define "aigc-gateway.createKeysClaim" -}}
{{- $p := toString .Values.dataProtection.persistence }}
{{- if and (not .Values.dataProtection.existingClaim) (eq $p "true") }}true{{ end }}
{{- end }}

{{/* Name of the claim holding Data Protection keys, empty for an emptyDir or none. */}}
{{- define "aigc-gateway.keysClaim" -}}
{{- if .Values.dataProtection.existingClaim }}
{{- .Values.dataProtection.existingClaim }}
{{- else if include "aigc-gateway.createKeysClaim" . }}
{{- printf "%s-keys" (include "aigc-gateway.fullname" .) }}
{{- end }}
{{- end }}

{{/* Namespaces that get a Role (template namespaces); empty = one ClusterRole for all namespaces. */}}
{{- define "aigc-gateway.templateNamespaces" -}}
{{- .Values.namespaces | uniq | toJson }}
{{- end }}

{{/* Name of the claim holding the SQLite database, empty with PostgreSQL. */}}
{{- define "aigc-gateway.dataClaim" -}}
{{- if eq .Values.database.type "sqlite" }}
{{- .Values.database.sqlite.existingClaim | default (printf "%s-data" (include "aigc-gateway.fullname" .)) }}
{{- end }}
{{- end }}
