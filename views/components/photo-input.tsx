import type { Child } from 'hono/jsx'
import { PHOTO_MAX_BYTES, PHOTO_MAX_FILES } from '../../src/http/photo-uploads'

/** The types detectImageType accepts; phones offer only these (iPhones convert HEIC to JPEG). */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif'

type PhotoInputProps = {
  label: string
  name: string
  /** From readPhotoFiles or photoRefusalMessage: one line per refused file. */
  errors?: string[] | undefined
  hint?: Child
  multiple?: boolean
  required?: boolean
  /** Show upload progress here; pass false on all but one photo input of a form. */
  progress?: boolean
}

/**
 * A labelled file input for photos, with its hint, the reasons files were refused, and a
 * progress bar that static/app.js fills while the form uploads (it also disables the form's
 * submit button until the upload is done or has failed, so one tap uploads once). Put it in a
 * `<form method="post" enctype="multipart/form-data" data-upload-progress>`.
 */
export function PhotoInput(props: PhotoInputProps) {
  const id = `field-${props.name}`
  const errors = props.errors ?? []
  const multiple = props.multiple ?? true
  const hint =
    props.hint ??
    `JPEG, PNG, WebP, AVIF or GIF, up to ${PHOTO_MAX_BYTES / 1024 / 1024} MB each${multiple ? `, at most ${PHOTO_MAX_FILES} at a time` : ''}.`
  const describedBy = [`${id}-hint`, errors.length > 0 ? `${id}-error` : ''].join(' ').trim()
  return (
    <div class={errors.length > 0 ? 'field field--invalid photo-input' : 'field photo-input'}>
      <label for={id}>{props.label}</label>
      <p class="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        type="file"
        name={props.name}
        accept={PHOTO_ACCEPT}
        multiple={multiple}
        required={props.required}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {errors.length > 0 ? (
        <ul class="field__error" id={`${id}-error`}>
          {errors.map((message) => (
            <li>{message}</li>
          ))}
        </ul>
      ) : null}
      {props.progress === false ? null : <UploadProgress />}
    </div>
  )
}

/**
 * Hidden until app.js starts an upload. The status line is always in the page, so screen
 * readers already watch it when the first percentage is written.
 */
export function UploadProgress() {
  return (
    <div class="upload-progress">
      <progress data-upload-progress-bar max={100} value={0} aria-label="Upload progress" hidden />
      <p class="upload-progress__status" data-upload-progress-status role="status"></p>
    </div>
  )
}
