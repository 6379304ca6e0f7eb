import { AppError, isUuid } from '@concierge/common';
import { Param, type PipeTransform } from '@nestjs/common';

/** Ids that are not UUIDs cannot exist, so they answer 404 like any other unknown id. */
class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isUuid(value)) throw AppError.notFound(this.what);
    return value.toLowerCase();
  }
}

export const IdParam = (name: string, what = name.replace(/Id$/, '').replace(/^./, (c) => c.toUpperCase())) =>
  Param(name, new ParseIdPipe(what));
